#!/usr/bin/env bash
# The cost of observability, side by side in one run: the anonymous feed and like/unlike under
# load (64 connections, against MariaDB, seeded as interact.sh seeds) on a fresh server for each
# variant, round after round (BENCH_ROUNDS, default 2) so that drift of the machine hits every
# variant alike:
#   baseline       metrics off, access log off, tracing off
#   metrics        metrics on (the default), access log off
#   metrics+access metrics and the access log on (the defaults)
#   tracing 1.0    the defaults plus tracing with every request sampled, exported over OTLP to a
#                  local sink (bench/otlp_sink.py)
# and, from the last metrics run, the number of series the node had after the load.
#
#   ./mvnw -q package -DskipTests && bench/observability.sh
#
#   BENCH_DB_HOST / BENCH_DB_PORT / BENCH_DB_USER  the MariaDB server (default root@127.0.0.1:3306)
#   BENCH_USERS (default 100), BENCH_VIDEOS (default 300), BENCH_WARMUP_SECONDS (default 5)
source "$(dirname "$0")/lib.sh"
command -v mariadb >/dev/null || { echo "the mariadb client is needed to seed videos" >&2; exit 1; }
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
BENCH_USERS=${BENCH_USERS:-100}
BENCH_VIDEOS=${BENCH_VIDEOS:-300}
BENCH_ROUNDS=${BENCH_ROUNDS:-2}
BENCH_METRICS_PORT=${BENCH_METRICS_PORT:-19464}
BENCH_OTLP_PORT=${BENCH_OTLP_PORT:-14318}
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }
export VERTOK_JWT_SECRET=${VERTOK_JWT_SECRET:-$(head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c 48)}
# Seeding registers users over HTTP: a cheap hash keeps it short (logins are not measured here).
export VERTOK_BCRYPT_COST=4
export VERTOK_METRICS_PORT=$BENCH_METRICS_PORT

python3 "$BENCH_DIR/otlp_sink.py" "$BENCH_OTLP_PORT" &
SINK_PID=$!
BENCH_DB=""
cleanup() {
  bench_stop
  [ -n "$BENCH_DB" ] && sql -e "DROP DATABASE IF EXISTS $BENCH_DB" || true
  kill "$SINK_PID" 2>/dev/null || true
}
trap cleanup EXIT

# variant LABEL METRICS ACCESS_LOG TRACING: a fresh database and server, seeded, warmed up, measured.
variant() {
  local label=$1
  BENCH_DB=vertok_bench_obs_$$
  sql -e "DROP DATABASE IF EXISTS $BENCH_DB; CREATE DATABASE $BENCH_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$BENCH_DB" VERTOK_METRICS=$2 VERTOK_ACCESS_LOG=$3 \
    VERTOK_TRACING=$4 VERTOK_TRACING_SAMPLER_RATIO=1.0 VERTOK_TRACING_ENDPOINT="http://127.0.0.1:$BENCH_OTLP_PORT" \
    bench_start >/dev/null
  trap cleanup EXIT
  BENCH_TOKENS="$BENCH_DATA/tokens"
  for i in $(seq 1 "$BENCH_USERS"); do bench_register "bo_${$}_$i" | cut -d' ' -f2 >>"$BENCH_TOKENS"; done
  bench_seed_videos "$BENCH_DB"
  export BENCH_TOKENS BENCH_VIDEO_MIN BENCH_VIDEO_MAX
  BENCH_SECONDS=${BENCH_WARMUP_SECONDS:-5} bench_wrk warm-up 64 /douyin/feed/ >/dev/null
  BENCH_SECONDS=${BENCH_WARMUP_SECONDS:-5} bench_wrk warm-up 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua" >/dev/null
  bench_wrk "feed anonymous, $label" 64 /douyin/feed/
  bench_wrk "like-unlike, $label" 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
  if [ "$2" = true ]; then
    SERIES=$(curl -s "http://127.0.0.1:$BENCH_METRICS_PORT/metrics" | grep -cv '^#')
  fi
  bench_stop
  sql -e "DROP DATABASE IF EXISTS $BENCH_DB"
  BENCH_DB=""
}

for round in $(seq 1 "$BENCH_ROUNDS"); do
  echo "round $round"
  variant baseline false false false
  variant metrics true false false
  variant metrics+access true true false
  variant "tracing 1.0" true true true
done
echo "series on the node after the load (metrics on): $SERIES"
