#!/usr/bin/env bash
# Follows and messages under load: follow/unfollow at random between seeded users, message send
# between random pairs, then the app's chat polling at 256 connections while a few senders keep
# writing. Every reply's status_code is checked (non-zero counts as an error). Embedded H2 by
# default; set VERTOK_DB_URL for MariaDB.
#
#   ./mvnw -q package -DskipTests && bench/social.sh
#
#   BENCH_USERS            users to register (default 100)
#   BENCH_WARMUP_SECONDS   the unmeasured warm-up run (default 5)
source "$(dirname "$0")/lib.sh"
BENCH_USERS=${BENCH_USERS:-100}
bench_start

# One "id token" line per user; the Lua scenarios pick users from it.
BENCH_ACCOUNTS=$(mktemp)
for i in $(seq 1 "$BENCH_USERS"); do
  bench_register "bs_${$}_$i" >>"$BENCH_ACCOUNTS"
done
export BENCH_ACCOUNTS
echo "seeded $BENCH_USERS users"

BENCH_SECONDS=${BENCH_WARMUP_SECONDS:-5} BENCH_ACTION=follow \
  bench_wrk warm-up 64 /douyin/relation/action/ "$BENCH_DIR/social.lua"
BENCH_ACTION=follow bench_wrk follow-unfollow 64 /douyin/relation/action/ "$BENCH_DIR/social.lua"
BENCH_ACTION=send bench_wrk message-send 64 /douyin/message/action/ "$BENCH_DIR/social.lua"

# Pollers ask for what is newer than the start of the run, as the app does with the newest
# create_time it holds; 8 senders keep adding messages meanwhile.
export BENCH_POLL_SINCE=$(($(date +%s) * 1000))
BENCH_ACTION=send bench_wrk message-send-during-polls 8 /douyin/message/action/ "$BENCH_DIR/social.lua" &
senders=$!
BENCH_ACTION=poll bench_wrk chat-poll 256 /douyin/message/chat/ "$BENCH_DIR/social.lua"
wait $senders
rm -f "$BENCH_ACCOUNTS"
