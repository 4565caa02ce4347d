#!/usr/bin/env bash
# Register and login throughput at 64 connections (bcrypt cost 10 by default), and the latency of
# a cheap endpoint (user info by id) while logins saturate the password-hashing pool, which shows
# that hashing stays off the event loops.
#
#   ./mvnw -q package -DskipTests && bench/users.sh
source "$(dirname "$0")/lib.sh"
BENCH_USERS=${BENCH_USERS:-100}
export BENCH_USERS
bench_start
for i in $(seq 1 "$BENCH_USERS"); do bench_register "bu_$i" >/dev/null; done
echo "seeded $BENCH_USERS users"

bench_wrk "user info" 16 "/douyin/user/?user_id=1"
bench_probe "user info (idle)" "/douyin/user/?user_id=1"
bench_wrk register 64 /douyin/user/register/ "$BENCH_DIR/register.lua"
bench_wrk login 64 /douyin/user/login/ "$BENCH_DIR/login.lua"
# Logins again, with the cheap endpoint probed meanwhile.
bench_wrk "login (with probe)" 64 /douyin/user/login/ "$BENCH_DIR/login.lua" &
login_pid=$!
bench_probe "user info (during logins)" "/douyin/user/?user_id=1"
wait $login_pid
