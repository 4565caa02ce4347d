#!/usr/bin/env bash
# The long lists at real sizes, this build beside a baseline build (default: the main branch),
# in alternating rounds on one seeded MariaDB database, with the medians at the end:
#
#   - a 30-item page (limit=30) of the follower list of a user with BENCH_FANS followers and of
#     the comment list of a video with BENCH_COMMENTS comments, at 64 connections;
#   - the default page (no cursor, no limit: the official shape, 1,000 items) of both lists at
#     256 connections, while user info runs at 16 connections beside it: errors (non-2xx or a
#     non-zero status_code, a shed read included), degraded reads (vertok_degraded_reads_total
#     before and after) and user info's p99, next to user info's p99 alone.
#
# A baseline without paging ignores limit and answers its whole list (1,000 items): its figure
# is what the same request cost before.
#
#   ./mvnw -q package -DskipTests && bench/lists.sh
#
#   BENCH_ROUNDS        rounds (each: both builds, one after the other; default 3)
#   BENCH_FANS          followers of the big user (default 100000)
#   BENCH_COMMENTS      comments on the big video, each by another follower (default 10000, at most BENCH_FANS)
#   BENCH_BASELINE_JAR  the baseline's jar; when unset it is built from BENCH_BASELINE_REF (default
#                       main) with git archive and the Maven wrapper (offline), in a temporary directory
#   BENCH_DB_HOST / BENCH_DB_PORT / BENCH_DB_USER  the MariaDB server (default root@127.0.0.1:3306)
#
# Seeding is SQL on the server (the SEQUENCE engine's seq_1_to_N tables), counters consistent
# with the rows: a few seconds for the defaults.
source "$(dirname "$0")/lib.sh"
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_FANS=${BENCH_FANS:-100000}
BENCH_COMMENTS=${BENCH_COMMENTS:-10000}
BENCH_BASELINE_REF=${BENCH_BASELINE_REF:-main}
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
BENCH_METRICS_PORT=${BENCH_METRICS_PORT:-19464}
BENCH_DB=vertok_lists_$$
CURRENT_JAR=$BENCH_JAR
command -v mariadb >/dev/null || { echo "the mariadb client is needed to seed the lists" >&2; exit 1; }
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }

WORK=$(mktemp -d)
BENCH_BASELINE_JAR=${BENCH_BASELINE_JAR:-$(bench_build_baseline "$BENCH_BASELINE_REF" "$WORK")}

sql -e "CREATE DATABASE $BENCH_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
cleanup() { bench_stop; sql -e "DROP DATABASE IF EXISTS $BENCH_DB" || true; rm -rf "$WORK"; }
trap cleanup EXIT
export VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$BENCH_DB"
export VERTOK_METRICS_PORT=$BENCH_METRICS_PORT VERTOK_ACCESS_LOG=false

# The schema comes from this build's migrations; the big user registers over HTTP.
bench_start >/dev/null
trap cleanup EXIT
read -r BIG _ < <(bench_register "bl_big_$$")
bench_stop
now=$(($(date +%s) * 1000))
sql "$BENCH_DB" <<SQL
INSERT INTO users (username, password_hash, created_at)
  SELECT CONCAT('bl_fan_', seq), 'not a hash: nobody logs in as a fan', $now FROM seq_1_to_${BENCH_FANS};
INSERT INTO follows (follower_id, followee_id, created_at)
  SELECT id, $BIG, $now - id FROM users WHERE id <> $BIG;
INSERT INTO relation_user_stats (user_id, follow_count, follower_count)
  SELECT id, 1, 0 FROM users WHERE id <> $BIG;
INSERT INTO relation_user_stats (user_id, follow_count, follower_count) VALUES ($BIG, 0, $BENCH_FANS);
INSERT INTO videos (author_id, title, play_url, cover_url, storage, created_at)
  VALUES ($BIG, 'the big video', '/media/videos/b.mp4', '/media/covers/b.jpg', 'local', $now);
INSERT INTO video_user_stats (user_id, work_count) VALUES ($BIG, 1);
INSERT INTO comments (video_id, user_id, content, created_at)
  SELECT (SELECT MAX(id) FROM videos), id, CONCAT('comment by ', id), $now - id FROM users WHERE id <> $BIG
  ORDER BY id LIMIT $BENCH_COMMENTS;
INSERT INTO comment_video_stats (video_id, comment_count) SELECT video_id, COUNT(*) FROM comments GROUP BY video_id;
SQL
VIDEO=$(sql -N "$BENCH_DB" -e "SELECT MAX(id) FROM videos")
echo "seeded user $BIG with $BENCH_FANS followers and video $VIDEO with $BENCH_COMMENTS comments"

FOLLOWERS="/douyin/relation/follower/list/?user_id=$BIG"
COMMENTS="/douyin/comment/list/?video_id=$VIDEO"
USER_INFO="/douyin/user/?user_id=$BIG"
degraded() {
  curl -s "http://127.0.0.1:$BENCH_METRICS_PORT/metrics" |
    awk '/^vertok_degraded_reads_total/ { n += $NF } END { printf "%d", n }'
}

# during LABEL PATH: PATH at 256 connections with user info at 16 beside it, and the degraded reads.
during() {
  local label=$1 path=$2 before info
  before=$(degraded)
  info=$(mktemp)
  bench_wrk "user info beside $label" 16 "$USER_INFO" >"$info" &
  bench_wrk "$label" 256 "$path"
  wait $!
  cat "$info"
  rm -f "$info"
  echo "degraded reads during $label: $(( $(degraded) - before ))"
}

RESULTS="$WORK/results"
: >"$RESULTS"
for round in $(seq 1 "$BENCH_ROUNDS"); do
  for variant in current baseline; do
    if [ "$variant" = current ]; then BENCH_JAR=$CURRENT_JAR; else BENCH_JAR=$BENCH_BASELINE_JAR; fi
    bench_start >/dev/null
    trap cleanup EXIT
    echo "== round $round: $variant"
    BENCH_SECONDS=5 bench_wrk warm-up 64 "$FOLLOWERS&limit=30" >/dev/null
    {
      bench_wrk "followers limit=30" 64 "$FOLLOWERS&limit=30"
      bench_wrk "comments limit=30" 64 "$COMMENTS&limit=30"
      bench_wrk "user info alone" 16 "$USER_INFO"
      during "followers default" "$FOLLOWERS"
      during "comments default" "$COMMENTS"
    } >"$WORK/round"
    cat "$WORK/round"
    sed "s/^/$variant|/" "$WORK/round" >>"$RESULTS"
    bench_stop
    rm -rf "$BENCH_DATA"
  done
done

echo "== medians over $BENCH_ROUNDS rounds (req/s, p99, errors, degraded reads)"
python3 - "$RESULTS" <<'PY'
import collections, re, statistics, sys

def ms(value):
    m = re.match(r"([\d.]+)(us|ms|s)$", value)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")

runs = collections.defaultdict(list)
degraded = collections.defaultdict(list)
for line in open(sys.argv[1]):
    variant, text = line.rstrip("\n").split("|", 1)
    m = re.match(r"(.+?)\s+c=(\d+)\s+([\d.]+) req/s\s+p50 (\S+)\s+p99 (\S+)\s+SUMMARY requests=\d+ errors=(\d+) transport_errors=(\d+)", text)
    if m:
        runs[(m.group(1), m.group(2), variant)].append((float(m.group(3)), ms(m.group(5)), int(m.group(6)) + int(m.group(7))))
    m = re.match(r"degraded reads during (.+): (-?\d+)", text)
    if m:
        degraded[(m.group(1), variant)].append(int(m.group(2)))
for (label, c, variant), values in sorted(runs.items()):
    extra = ""
    if (label, variant) in degraded:
        extra = f"  degraded reads (median) {statistics.median(degraded[(label, variant)]):.0f}"
    print(f"{variant:8} {label:36} c={c:4} {statistics.median(v[0] for v in values):9.0f} req/s  "
          f"p99 {statistics.median(v[1] for v in values):8.1f} ms  errors (median) {statistics.median(v[2] for v in values):.0f}{extra}")
PY
