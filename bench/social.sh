#!/usr/bin/env bash
# Follows and messages under load: follow/unfollow at random between seeded users, message send
# between random pairs, then the app's chat polling at 256 connections while a few senders keep
# writing. Every reply's status_code is checked (non-zero counts as an error). Embedded H2 by
# default; set VERTOK_DB_URL (and VERTOK_JWT_SECRET) for MariaDB: then, with the mariadb client
# installed, it finally checks that no counter differs from the rows it counts and that no
# two messages of a conversation share a create_time.
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

if [[ "${VERTOK_DB_URL:-}" =~ ^mysql://([^:@]+)(:([^@]*))?@([^:/]+):?([0-9]*)/(.+)$ ]] && command -v mariadb >/dev/null; then
  MYSQL_PWD=${BASH_REMATCH[3]} mariadb -N -u"${BASH_REMATCH[1]}" -h"${BASH_REMATCH[4]}" -P"${BASH_REMATCH[5]:-3306}" \
    "${BASH_REMATCH[6]}" -e "
    SELECT CONCAT('counters that differ from the rows they count: ', $(bench_drift_sql),
      '; messages sharing a create_time within a conversation: ',
      (SELECT COUNT(*) FROM (SELECT 1 FROM messages GROUP BY user_lo, user_hi, created_at HAVING COUNT(*) > 1) d))"
fi
