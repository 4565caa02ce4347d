#!/usr/bin/env bash
# Shared helpers for the benchmarks: start a fresh Vertok from target/vertok.jar, wait for it,
# run wrk and print one summary line per run. Source it from a scenario script.
#
#   BENCH_PORT      HTTP port of the server under test (default 18080)
#   BENCH_SECONDS   duration of each wrk run (default 15)
#   BENCH_THREADS   wrk threads (default 2)
#   BENCH_JAR       the server's jar (default target/vertok.jar)
#   BENCH_JAVA_OPTS the server's JVM options (default: those of jvm.options, as the README and
#                   the image run it; set it to "" for the JVM's defaults)
#   VERTOK_*        passed through to the server (e.g. VERTOK_DB_URL for MariaDB)
#
# Each wrk line ends with the server's peak RSS during that run (ps -o rss, sampled every second).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_PORT=${BENCH_PORT:-18080}
BENCH_SECONDS=${BENCH_SECONDS:-15}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
BENCH_JAR=${BENCH_JAR:-$ROOT/target/vertok.jar}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS-@$ROOT/jvm.options}
SERVER_PID=""
RSS_PID=""

bench_require() {
  command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
  command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 1; }
  [ -f "$BENCH_JAR" ] || { echo "build first: ./mvnw -q package -DskipTests ($BENCH_JAR is missing)" >&2; exit 1; }
}

# Starts the server with a fresh data directory and waits until /health says every domain is up.
bench_start() {
  bench_require
  BENCH_DATA=$(mktemp -d)
  # The scenarios load the server from one address, far beyond its rate limits (bench/ratelimit.sh
  # measures those): off unless VERTOK_RATE_LIMITS says otherwise.
  VERTOK_HTTP_PORT=$BENCH_PORT VERTOK_DATA_DIR=$BENCH_DATA VERTOK_RATE_LIMITS=${VERTOK_RATE_LIMITS:-false} \
    java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" >"$BENCH_DATA/server.log" 2>&1 &
  SERVER_PID=$!
  trap bench_stop EXIT
  bench_await_health "$BENCH_URL" "$SERVER_PID" "$BENCH_DATA/server.log" 240
  echo "server up (log: $BENCH_DATA/server.log; JVM options: ${BENCH_JAVA_OPTS:-none})"
  bench_sample_rss
}

# bench_await_health URL PID LOG TRIES — waits (TRIES quarter seconds) until URL/health answers
# 200; exits with the server's log if the process PID dies or the time runs out.
bench_await_health() {
  local url=$1 pid=$2 log=$3 tries=$4
  for _ in $(seq 1 "$tries"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health")" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.25
  done
  echo "the server at $url did not become healthy" >&2
  exit 1
}

bench_stop() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "server peak RSS: $(bench_peak_rss 1) MB"
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$RSS_PID" ]; then
    kill "$RSS_PID" 2>/dev/null || true
    RSS_PID=""
  fi
}

# Appends the server's RSS in KiB to $BENCH_DATA/rss every second while it runs.
bench_sample_rss() {
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do
      ps -o rss= -p "$SERVER_PID" >>"$BENCH_DATA/rss" || true
      sleep 1
    done ) &
  RSS_PID=$!
}

# bench_peak_rss FROM_LINE — the highest RSS sample from that line of $BENCH_DATA/rss on, in MB.
bench_peak_rss() {
  tail -n +"$1" "$BENCH_DATA/rss" 2>/dev/null | sort -n | tail -1 | awk '{ printf "%d", $1 / 1024 }'
}

# POSTs a form and prints the JSON reply.
bench_post() { curl -fsS -X POST "$BENCH_URL$1" --data "$2"; }

# Registers a user and prints "id token".
bench_register() {
  bench_post /douyin/user/register/ "username=$1&password=${2:-benchpass}" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["status_code"]==0, r; print(r["user_id"], r["token"])'
}

# bench_wrk LABEL CONNECTIONS PATH [LUA_SCRIPT] — runs wrk and prints one summary line:
# LABEL c=N requests/s p50 p99 errors (non-2xx HTTP or non-zero status_code when the script checks it).
bench_wrk() {
  local label=$1 connections=$2 path=$3 script=${4:-$BENCH_DIR/common.lua}
  local out from
  from=$(( $(wc -l <"${BENCH_DATA:-/tmp}/rss" 2>/dev/null || echo 0) + 1 ))
  out=$(cd "$ROOT" && wrk -t"$BENCH_THREADS" -c"$connections" -d"${BENCH_SECONDS}s" --timeout 10s --latency \
    -s "$script" "$BENCH_URL$path" 2>&1)
  echo "$out" > "${BENCH_DATA:-/tmp}/wrk-$label-c$connections.txt"
  local rss=""
  [ -n "$RSS_PID" ] && rss="rss $(bench_peak_rss "$from") MB"
  echo "$out" | awk -v label="$label" -v c="$connections" -v rss="$rss" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    /^SUMMARY/ { summary = $0 }
    END { printf "%-28s c=%-4s %10s req/s  p50 %-9s p99 %-9s %s %s\n", label, c, rps, p50, p99, summary, rss }'
}

# bench_probe LABEL PATH N — N sequential requests on one connection at a time (a light load that
# does not compete for the CPU), printing their p50 and p99: the latency a cheap endpoint keeps
# while a heavier scenario runs next to it.
bench_probe() {
  local label=$1 path=$2 n=${3:-300}
  for _ in $(seq 1 "$n"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$BENCH_URL$path"
  done | sort -n | awk -v label="$label" -v n="$n" '{ a[NR] = $1 } END {
    printf "%-28s %d sequential requests   p50 %.2fms  p99 %.2fms  max %.2fms\n",
      label, NR, a[int(NR * 0.5)] * 1000, a[int(NR * 0.99)] * 1000, a[NR] * 1000 }'
}

# bench_seed_videos DB: BENCH_VIDEOS video rows (newest first, authors round-robin over the users
# already in DB) and their authors' work counts, straight into MariaDB with the caller's sql
# function; exports BENCH_VIDEO_MIN and BENCH_VIDEO_MAX.
bench_seed_videos() {
  local db=$1 now=$(($(date +%s) * 1000)) users
  users=$(sql -N "$db" -e "SELECT COUNT(*) FROM users")
  {
    echo "INSERT INTO videos (author_id, title, play_url, cover_url, storage, created_at) VALUES"
    for i in $(seq 1 "$BENCH_VIDEOS"); do
      local sep=","; [ "$i" = "$BENCH_VIDEOS" ] && sep=";"
      echo "((SELECT MIN(id) FROM users) + $(( (i - 1) % users )), 'bench video $i', '/media/videos/b.mp4', '/media/covers/b.jpg', 'local', $((now - i)))$sep"
    done
    echo "INSERT INTO video_user_stats (user_id, work_count) SELECT author_id, COUNT(*) FROM videos GROUP BY author_id;"
  } | sql "$db"
  BENCH_VIDEO_MIN=$(sql -N "$db" -e "SELECT MIN(id) FROM videos")
  BENCH_VIDEO_MAX=$(sql -N "$db" -e "SELECT MAX(id) FROM videos")
  export BENCH_VIDEO_MIN BENCH_VIDEO_MAX
}

# bench_build_baseline REF DIR: builds the jar of git revision REF (git archive, the Maven wrapper,
# offline) under DIR/baseline and prints its path; on failure prints the build's log and exits.
bench_build_baseline() {
  local ref=$1 dir=$2
  mkdir "$dir/baseline"
  git -C "$ROOT" archive "$ref" | tar -x -C "$dir/baseline"
  (cd "$dir/baseline" && ./mvnw -B -q -o -ntp package -DskipTests >"$dir/baseline-build.log" 2>&1) \
    || { cat "$dir/baseline-build.log" >&2; exit 1; }
  echo "$dir/baseline/target/vertok.jar"
}

# bench_drift_sql: an SQL expression, the number of counters (likes of videos, likes given and
# received by users, comments of videos, follows and followers of users) that differ from the rows
# they count. A counter is the sum of its rows: one, or its slots (docs/performance.md, Hot rows).
bench_drift_sql() {
  echo "(SELECT COUNT(*) FROM (SELECT video_id, SUM(favorite_count) n FROM favorite_video_stats GROUP BY video_id) s
      WHERE s.n <> (SELECT COUNT(*) FROM favorites f WHERE f.video_id = s.video_id))
    + (SELECT COUNT(*) FROM (SELECT user_id, SUM(favorite_count) g, SUM(total_favorited) r
        FROM favorite_user_stats GROUP BY user_id) s
      WHERE s.g <> (SELECT COUNT(*) FROM favorites f WHERE f.user_id = s.user_id)
         OR s.r <> (SELECT COUNT(*) FROM favorites f WHERE f.author_id = s.user_id))
    + (SELECT COUNT(*) FROM comment_video_stats s
      WHERE s.comment_count <> (SELECT COUNT(*) FROM comments c WHERE c.video_id = s.video_id))
    + (SELECT COUNT(*) FROM (SELECT user_id, SUM(follow_count) a, SUM(follower_count) b
        FROM relation_user_stats GROUP BY user_id) s
      WHERE s.a <> (SELECT COUNT(*) FROM follows f WHERE f.follower_id = s.user_id)
         OR s.b <> (SELECT COUNT(*) FROM follows f WHERE f.followee_id = s.user_id))"
}
