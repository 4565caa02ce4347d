#!/usr/bin/env bash
# Register and login throughput at 64 connections (bcrypt cost 10 by default), and the latency of
# a cheap endpoint (user info by id) measured while logins run, which shows that password hashing
# stays off the event loops.
#
#   ./mvnw -q package -DskipTests && bench/users.sh
source "$(dirname "$0")/lib.sh"
BENCH_USERS=${BENCH_USERS:-100}
export BENCH_USERS
bench_start
for i in $(seq 1 "$BENCH_USERS"); do bench_register "bu_$i" >/dev/null; done
echo "seeded $BENCH_USERS users"

bench_wrk "user info (idle)" 16 "/douyin/user/?user_id=1"
bench_wrk register 64 /douyin/user/register/ "$BENCH_DIR/register.lua"
# Logins and a cheap read at the same time.
bench_wrk login 64 /douyin/user/login/ "$BENCH_DIR/login.lua" &
login_pid=$!
bench_wrk "user info (during logins)" 16 "/douyin/user/?user_id=1"
wait $login_pid
