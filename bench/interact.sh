#!/usr/bin/env bash
# Likes, unlikes and comments under load: favorite action (like/unlike at random, many users on
# many videos) at 64 and 256 connections, then comment post at 64 connections. Every reply's
# status_code is checked (non-zero counts as an error).
#
# Against MariaDB (the default): users register over HTTP; videos are inserted with the mariadb
# client straight into the video domain's tables (a row in `videos` plus the author's work count
# in `video_user_stats`, as video.create writes them), so that no publish path and no video files
# are needed: likes and comments only need the rows. Afterwards the counters are checked against
# the rows they count, and the events' lag (write → consumed) and peak rates are printed.
#
# With BENCH_EMBEDDED=1, against the embedded database: videos are published over HTTP (a
# 1-second clip made by the test-scope tool verticles.support.Clips, 8 publishes in parallel).
#
#   ./mvnw -q package -DskipTests && bench/interact.sh
#   ./mvnw -q package -DskipTests && BENCH_EMBEDDED=1 BENCH_VIDEOS=100 bench/interact.sh
#
#   BENCH_DB_HOST / BENCH_DB_PORT / BENCH_DB_USER  the MariaDB server (default root@127.0.0.1:3306)
#   BENCH_USERS   users to register (default 200)     BENCH_VIDEOS  videos to create (default 500)
#   BENCH_WARMUP_SECONDS  the unmeasured warm-up run (default 5)
source "$(dirname "$0")/lib.sh"
BENCH_EMBEDDED=${BENCH_EMBEDDED:-0}
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
BENCH_USERS=${BENCH_USERS:-200}
BENCH_VIDEOS=${BENCH_VIDEOS:-500}
BENCH_DB=vertok_bench_$$
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }

if [ "$BENCH_EMBEDDED" = 1 ]; then
  [ -d "$ROOT/target/test-classes/verticles/support" ] || { echo "build the test classes first: ./mvnw -q package -DskipTests" >&2; exit 1; }
  unset VERTOK_DB_URL
  bench_start
else
  command -v mariadb >/dev/null || { echo "the mariadb client is needed to seed videos" >&2; exit 1; }
  sql -e "CREATE DATABASE $BENCH_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  drop_db() { bench_stop; sql -e "DROP DATABASE IF EXISTS $BENCH_DB" || true; }
  export VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$BENCH_DB"
  bench_start
  trap drop_db EXIT
fi

BENCH_TOKENS=$(mktemp)
for i in $(seq 1 "$BENCH_USERS"); do
  bench_register "bi_${$}_$i" | cut -d' ' -f2 >>"$BENCH_TOKENS"
done
if [ "$BENCH_EMBEDDED" = 1 ]; then
  CLIP="$BENCH_DATA/clip.mp4"
  java -cp "$ROOT/target/test-classes:$ROOT/target/vertok.jar" verticles.support.Clips "$CLIP" 1
  export BENCH_URL CLIP
  for i in $(seq 1 "$BENCH_VIDEOS"); do
    echo "$(sed -n "$(( (i - 1) % BENCH_USERS + 1 ))p" "$BENCH_TOKENS") $i"
  done | xargs -P 8 -L 1 bash -c 'curl -fsS -X POST "$BENCH_URL/douyin/publish/action/" -F "token=$0" \
      -F "title=bench video $1" -F "data=@$CLIP;type=video/mp4" | grep -q "\"status_code\":0" || echo "publish failed" >&2'
  # A fresh embedded database numbers the videos from 1.
  BENCH_VIDEO_MIN=1
  BENCH_VIDEO_MAX=$BENCH_VIDEOS
else
  bench_seed_videos "$BENCH_DB"
fi
export BENCH_TOKENS BENCH_VIDEO_MIN BENCH_VIDEO_MAX
echo "seeded $BENCH_USERS users and $BENCH_VIDEOS videos (ids $BENCH_VIDEO_MIN..$BENCH_VIDEO_MAX)"

# A short first run warms the JIT up, so that the first measured run is not the cold one.
BENCH_SECONDS=${BENCH_WARMUP_SECONDS:-5} bench_wrk warm-up 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
MEASURED_FROM=$(date +%s%3N)
bench_wrk like-unlike 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
bench_wrk like-unlike 256 /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
BENCH_ACTION=comment bench_wrk comment-post 64 /douyin/comment/action/ "$BENCH_DIR/interact.lua"

if [ "$BENCH_EMBEDDED" != 1 ]; then
  # The counters must still equal the rows they count after the load.
  drift=$(sql -N "$BENCH_DB" -e "SELECT $(bench_drift_sql)")
  echo "counters that differ from the rows they count: $drift"
  # The events' lag (write → event consumed, consumed_events.occurred_at → consumed_at) of the
  # measured runs (not of the warm-up's, while the JIT compiles), once the outbox has drained; a
  # build without the outbox has no such table.
  if [ -n "$(sql -N "$BENCH_DB" -e "SHOW TABLES LIKE 'outbox'")" ]; then
    for _ in $(seq 1 600); do
      [ "$(sql -N "$BENCH_DB" -e "SELECT COUNT(*) FROM outbox")" = 0 ] && break
      sleep 0.5
    done
    sql -N "$BENCH_DB" -e "SELECT occurred_at, consumed_at FROM consumed_events WHERE occurred_at >= $MEASURED_FROM" | python3 -c '
import collections, sys
rows = [tuple(map(int, line.split())) for line in sys.stdin]
if not rows:
    sys.exit("no consumed events")
lags = sorted(c - o for o, c in rows)
pct = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
peak = lambda i: max(collections.Counter(r[i] // 1000 for r in rows).values())
print(f"events {len(rows)}: written at peak {peak(0)}/s, consumed at peak {peak(1)}/s; "
      f"lag p50 {pct(0.5)} ms, p99 {pct(0.99)} ms, max {lags[-1]} ms")'
  fi
fi
rm -f "$BENCH_TOKENS"
