#!/usr/bin/env bash
# The issue-sized data set in MariaDB, and the main scenarios against it: 100,000 users,
# 1,000,000 videos, 10,000,000 likes, 1,000,000 comments and 1,000,000 follows, loaded with SQL
# from the SEQUENCE engine into a database of its own, every counter computed from the rows it
# counts. Among them: a viewer with 10,000 likes and 1,000 follows, a user followed by everyone
# (the big-V: SCALE_USERS - 1 followers) and the newest video with 10,000 comments. Then, per jar
# of SCALE_JARS and round (the jars alternate, so the machine's drift hits them alike): the
# anonymous feed, an older page (latest_time), the viewer's token feed, user info, like/unlike,
# comment post, and the long lists (the big-V's follower list, the hot video's comment list: the
# default page, and a 30-item page when the server pages them), at each of SCALE_CONNECTIONS.
# With BENCH_CEILING (the path of a ceiling.sh: a bare Vert.x server that answers a file's bytes
# from memory, or one primary-key select of `users`), each round also measures the static
# ceiling with the anonymous feed's own bytes and the one-select ceiling on the same database.
#
#   ./mvnw -q package -DskipTests && bench/scale.sh
#   SCALE_JARS="old.jar target/vertok.jar" SCALE_ROUNDS=3 SCALE_SCENARIOS="feed token" bench/scale.sh
#
#   SCALE_DB           the database (default vertok_scale); loaded when missing, kept afterwards
#                      with SCALE_KEEP=1 (then reused as it is), dropped otherwise
#   SCALE_RELOAD=1     drop and load it again even when it exists
#   SCALE_USERS / SCALE_VIDEOS / SCALE_LIKES / SCALE_COMMENTS / SCALE_FOLLOWS   sizes (defaults above)
#   SCALE_VIEWER_LIKES / SCALE_VIEWER_FOLLOWS / SCALE_HOT_COMMENTS              (10,000 / 1,000 / 10,000)
#   SCALE_JARS         servers to measure (default BENCH_JAR): each a jar, or JAR|OPTION to run
#                      it with that one JVM option instead of BENCH_JAVA_OPTS (JAR|none: none)
#   SCALE_ROUNDS       rounds (default 1)
#   SCALE_SCENARIOS    of: feed older token user like comment lists (default all)
#   SCALE_CONNECTIONS  wrk connections (default "64 256")
#   BENCH_DB_HOST / BENCH_DB_PORT / BENCH_DB_USER  the MariaDB server (default root@127.0.0.1:3306)
source "$(dirname "$0")/lib.sh"
SCALE_DB=${SCALE_DB:-vertok_scale}
SCALE_KEEP=${SCALE_KEEP:-0}
SCALE_USERS=${SCALE_USERS:-100000}
SCALE_VIDEOS=${SCALE_VIDEOS:-1000000}
SCALE_LIKES=${SCALE_LIKES:-10000000}
SCALE_COMMENTS=${SCALE_COMMENTS:-1000000}
SCALE_FOLLOWS=${SCALE_FOLLOWS:-1000000}
SCALE_VIEWER_LIKES=${SCALE_VIEWER_LIKES:-10000}
SCALE_VIEWER_FOLLOWS=${SCALE_VIEWER_FOLLOWS:-1000}
SCALE_HOT_COMMENTS=${SCALE_HOT_COMMENTS:-10000}
SCALE_JARS=${SCALE_JARS:-$BENCH_JAR}
SCALE_ROUNDS=${SCALE_ROUNDS:-1}
SCALE_SCENARIOS=${SCALE_SCENARIOS:-feed older token user like comment lists}
SCALE_CONNECTIONS=${SCALE_CONNECTIONS:-64 256}
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
CEILING_PORT=$((BENCH_PORT + 1))
# Rows a loading statement inserts at most: bounded transactions.
CHUNK=1000000
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }
command -v mariadb >/dev/null || { echo "the mariadb client is needed to load the data set" >&2; exit 1; }
(( SCALE_VIDEOS > 2 * SCALE_VIEWER_LIKES && SCALE_USERS > SCALE_VIEWER_FOLLOWS + 2 && SCALE_LIKES >= SCALE_USERS )) ||
  { echo "sizes out of proportion: need videos > 2 x viewer likes, users > viewer follows + 2, likes >= users" >&2; exit 1; }

export VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$SCALE_DB"
# One key for every server of the run, so that the tokens taken once stay valid.
export VERTOK_JWT_SECRET=${VERTOK_JWT_SECRET:-scale-bench-secret-0123456789abcdef0123}
# No renditions of the seeded rows' (absent) files.
export VERTOK_MEDIA_TRANSCODERS=0

timed() { # LABEL SQL... — runs the statements on the database and prints how long they took
  local label=$1 start
  shift
  start=$(date +%s.%N)
  printf 'SET SESSION unique_checks = 0, foreign_key_checks = 0;\n%s\n' "$@" | sql "$SCALE_DB" >/dev/null
  printf '  %-44s %6.1f s\n' "$label" "$(echo "$(date +%s.%N) - $start" | bc)"
}

chunked() { # LABEL ROWS STATEMENT — STATEMENT with @from and @to set to each CHUNK of 0..ROWS-1
  local label=$1 rows=$2 statement=$3 from=0 start
  start=$(date +%s.%N)
  while (( from < rows )); do
    local to=$(( from + CHUNK < rows ? from + CHUNK - 1 : rows - 1 ))
    printf 'SET SESSION unique_checks = 0, foreign_key_checks = 0;\nSET @from = %d, @to = %d;\n%s\n' \
      "$from" "$to" "$statement" | sql "$SCALE_DB"
    from=$(( to + 1 ))
  done
  printf '  %-44s %6.1f s\n' "$label" "$(echo "$(date +%s.%N) - $start" | bc)"
}

counted() { # STATS KEY COLUMN TABLE BY — the statement that sets STATS.COLUMN to the rows of TABLE per BY
  echo "INSERT INTO $1 ($2, $3) SELECT $5, COUNT(*) FROM $4 GROUP BY $5 ON DUPLICATE KEY UPDATE $3 = VALUES($3);"
}

load() {
  local n=$SCALE_USERS m=$SCALE_VIDEOS now=$(($(date +%s) * 1000))
  sql -e "DROP DATABASE IF EXISTS $SCALE_DB; CREATE DATABASE $SCALE_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  # The server creates the schema; the viewer (id 1) and the big-V (id 2) register over HTTP, so
  # that every user has a real password hash (the viewer's, password benchpass).
  first_jar=${SCALE_JARS%% *}
  BENCH_JAR=${first_jar%%|*} BENCH_JAVA_OPTS="" bench_start
  bench_register scale_viewer >/dev/null
  bench_register scale_bigv >/dev/null
  bench_stop
  [ "$(sql -N "$SCALE_DB" -e "SELECT GROUP_CONCAT(id ORDER BY id) FROM users")" = "1,2" ] ||
    { echo "expected the viewer and the big-V as users 1 and 2" >&2; exit 1; }
  echo "loading $SCALE_DB: $n users, $m videos, about $SCALE_LIKES likes, $SCALE_COMMENTS comments, $SCALE_FOLLOWS follows"
  local start=$(date +%s)
  timed "users" "INSERT INTO users (id, username, password_hash, signature, created_at)
      SELECT seq, CONCAT('scale_', seq), (SELECT password_hash FROM users WHERE id = 1), CONCAT('user ', seq), $now
      FROM seq_3_to_$n;"
  # Video v is by user 1 + v % n, one second apart, the newest last.
  chunked "videos" "$m" "INSERT INTO videos (id, author_id, title, play_url, cover_url, storage, created_at)
      SELECT seq + 1, 1 + (seq + 1) % $n, CONCAT('video ', seq + 1), '/media/videos/scale.mp4',
        '/media/covers/scale.jpg', 'local', $now - ($m - seq - 1) * 1000
      FROM seq_0_to_$((m - 1)) WHERE seq BETWEEN @from AND @to;"
  # Users 2..n like k videos each, spread over all videos; the viewer likes every other one of
  # the newest 2 x SCALE_VIEWER_LIKES videos (half of each feed page).
  local k=$(( SCALE_LIKES / n )) step=$(( m / (SCALE_LIKES / n) ))
  chunked "likes" "$(( (n - 1) * k ))" "INSERT INTO favorites (user_id, video_id, author_id, created_at)
      SELECT u, v, 1 + v % $n, $now - seq FROM (
        SELECT seq, 2 + seq DIV $k AS u, 1 + ((2 + seq DIV $k) * 7919 + (seq MOD $k) * $step) % $m AS v
        FROM seq_0_to_$(( (n - 1) * k - 1 )) WHERE seq BETWEEN @from AND @to) l;"
  timed "the viewer's likes" "INSERT INTO favorites (user_id, video_id, author_id, created_at)
      SELECT 1, $m - 2 * seq, 1 + ($m - 2 * seq) % $n, $now - seq FROM seq_0_to_$((SCALE_VIEWER_LIKES - 1));"
  # Everyone follows the big-V; the viewer follows it and the next SCALE_VIEWER_FOLLOWS - 1 users;
  # users 3..n share the rest, p each, never themselves, never users 1 or 2.
  local rest=$(( SCALE_FOLLOWS - (n - 1) - (SCALE_VIEWER_FOLLOWS - 1) ))
  local p=$(( rest > 0 ? (rest + n - 3) / (n - 2) : 0 ))
  timed "the big-V's followers, the viewer's follows" \
    "INSERT INTO follows (follower_id, followee_id, created_at) SELECT seq, 2, $now - seq FROM seq_1_to_$n WHERE seq <> 2;" \
    "INSERT INTO follows (follower_id, followee_id, created_at) SELECT 1, seq, $now - seq FROM seq_3_to_$((SCALE_VIEWER_FOLLOWS + 1));"
  if (( p > 0 )); then
    chunked "follows" "$(( (n - 2) * p ))" "INSERT IGNORE INTO follows (follower_id, followee_id, created_at)
        SELECT u, 3 + (u - 3 + 1 + j * $(( (n - 2) / (p + 1) ))) % $((n - 2)), $now - seq FROM (
          SELECT seq, 3 + seq MOD $((n - 2)) AS u, seq DIV $((n - 2)) AS j
          FROM seq_0_to_$(( (n - 2) * p - 1 )) WHERE seq BETWEEN @from AND @to) f;"
  fi
  # The newest video has SCALE_HOT_COMMENTS comments; the rest are spread over the others.
  chunked "comments" "$SCALE_COMMENTS" "INSERT INTO comments (video_id, user_id, content, created_at)
      SELECT IF(seq < $SCALE_HOT_COMMENTS, $m, 1 + (seq * 7) % ($m - 1)), 1 + seq % $n, CONCAT('comment ', seq),
        $now - seq * 10
      FROM seq_0_to_$((SCALE_COMMENTS - 1)) WHERE seq BETWEEN @from AND @to;"
  timed "counters" \
    "$(counted video_user_stats user_id work_count videos author_id)" \
    "$(counted favorite_video_stats video_id favorite_count favorites video_id)" \
    "$(counted favorite_user_stats user_id favorite_count favorites user_id)" \
    "$(counted favorite_user_stats user_id total_favorited favorites author_id)" \
    "$(counted comment_video_stats video_id comment_count comments video_id)" \
    "$(counted relation_user_stats user_id follow_count follows follower_id)" \
    "$(counted relation_user_stats user_id follower_count follows followee_id)" \
    "ANALYZE TABLE users, videos, favorites, follows, comments;"
  echo "loaded in $(( $(date +%s) - start )) s: $(sql -N "$SCALE_DB" -e "SELECT CONCAT(
    (SELECT COUNT(*) FROM users), ' users, ', (SELECT COUNT(*) FROM videos), ' videos, ',
    (SELECT COUNT(*) FROM favorites), ' likes, ', (SELECT COUNT(*) FROM comments), ' comments, ',
    (SELECT COUNT(*) FROM follows), ' follows')")"
}

if [ "${SCALE_RELOAD:-0}" = 1 ] || [ -z "$(sql -N -e "SHOW DATABASES LIKE '$SCALE_DB'")" ]; then
  load
else
  echo "reusing $SCALE_DB (SCALE_RELOAD=1 loads it again)"
fi
# bench_start stops its server on exit; this also drops the database unless it is kept.
cleanup() {
  bench_stop
  rm -f "$BENCH_TOKENS"
  [ "$SCALE_KEEP" = 1 ] || sql -e "DROP DATABASE IF EXISTS $SCALE_DB" || true
}
echo "viewer: $(sql -N "$SCALE_DB" -e "SELECT CONCAT(
  (SELECT favorite_count FROM favorite_user_stats WHERE user_id = 1), ' likes, ',
  (SELECT follow_count FROM relation_user_stats WHERE user_id = 1), ' follows; big-V: ',
  (SELECT follower_count FROM relation_user_stats WHERE user_id = 2), ' followers; hot video: ',
  (SELECT comment_count FROM comment_video_stats WHERE video_id = (SELECT MAX(id) FROM videos)), ' comments')")"

HOT_VIDEO=$(sql -N "$SCALE_DB" -e "SELECT MAX(id) FROM videos")
# An older page: the videos before the middle one (composed from scratch on every request).
OLDER=$(sql -N "$SCALE_DB" -e "SELECT created_at FROM videos WHERE id = $((HOT_VIDEO / 2))")
BENCH_TOKENS=$(mktemp)
BENCH_VIDEO_MIN=1
BENCH_VIDEO_MAX=$HOT_VIDEO
export BENCH_TOKENS BENCH_VIDEO_MIN BENCH_VIDEO_MAX

wants() { [[ " $SCALE_SCENARIOS " == *" $1 "* ]]; }
each_c() { # LABEL PATH [SCRIPT] — bench_wrk at each of SCALE_CONNECTIONS
  for c in $SCALE_CONNECTIONS; do bench_wrk "$1" "$c" "$2" "${3:-}"; done
}
ceiling() { # KIND ARG LABEL PATH — the ceiling server of KIND beside, at each of SCALE_CONNECTIONS
  [ -n "${BENCH_CEILING:-}" ] || return 0
  bash "$BENCH_CEILING" "$1" "$CEILING_PORT" "$2" >"$BENCH_DATA/ceiling.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$CEILING_PORT$4" && break
    sleep 0.25
  done
  for c in $SCALE_CONNECTIONS; do
    local saved=$RSS_PID
    RSS_PID="" BENCH_URL="http://127.0.0.1:$CEILING_PORT" bench_wrk "$3" "$c" "$4"
    RSS_PID=$saved
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}

for round in $(seq 1 "$SCALE_ROUNDS"); do
  for server in $SCALE_JARS; do
    echo "== round $round: $server"
    options=$BENCH_JAVA_OPTS
    [[ "$server" == *"|"* ]] && options=${server#*|}
    [ "$options" = none ] && options=""
    BENCH_JAR=${server%%|*} BENCH_JAVA_OPTS=$options bench_start
    trap cleanup EXIT
    token=$(bench_post /douyin/user/login/ "username=scale_viewer&password=benchpass" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    if [ ! -s "$BENCH_TOKENS" ]; then
      for i in $(seq 3 66); do
        bench_post /douyin/user/login/ "username=scale_$i&password=benchpass" |
          python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' >>"$BENCH_TOKENS"
      done
    fi
    # The JIT's first minutes, and the database's buffer pool, are not what is measured.
    BENCH_SECONDS=5 bench_wrk warm-up 64 "/douyin/feed/?token=$token" >/dev/null
    # The ceilings once a round, beside the first jar.
    [ "$server" = "${SCALE_JARS%% *}" ] && first=1 || first=0
    if wants feed; then
      each_c "feed (anonymous)" /douyin/feed/
      curl -fsS -o "$BENCH_DATA/feed.json" "$BENCH_URL/douyin/feed/"
      (( first )) && ceiling static "$BENCH_DATA/feed.json" "ceiling: static feed bytes" /
    fi
    wants older && each_c "feed (latest_time)" "/douyin/feed/?latest_time=$OLDER"
    wants token && each_c "feed (token, viewer)" "/douyin/feed/?token=$token"
    wants user && each_c "user info" "/douyin/user/?user_id=3"
    if (( first )) && { wants older || wants user; }; then
      ceiling db "$VERTOK_DB_URL" "ceiling: one PK select" /
    fi
    wants like && each_c like-unlike /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
    if wants comment; then
      for c in $SCALE_CONNECTIONS; do
        BENCH_ACTION=comment bench_wrk comment-post "$c" /douyin/comment/action/ "$BENCH_DIR/interact.lua"
      done
    fi
    if wants lists; then
      each_c "follower list (big-V)" "/douyin/relation/follower/list/?user_id=2&token=$token"
      each_c "comment list (hot video)" "/douyin/comment/list/?video_id=$HOT_VIDEO&token=$token"
      # A 30-item page, when this server pages the lists (the contract's cursor and limit).
      paged=$(curl -sS "$BENCH_URL/douyin/relation/follower/list/?user_id=2&limit=30" | python3 -c '
import json, sys
try:
    print(len(json.load(sys.stdin).get("user_list") or []))
except ValueError:
    print("no answer")')
      if [ "$paged" = 30 ]; then
        each_c "follower list (30)" "/douyin/relation/follower/list/?user_id=2&limit=30&token=$token"
        each_c "comment list (30)" "/douyin/comment/list/?video_id=$HOT_VIDEO&limit=30&token=$token"
      else
        echo "(this server does not page the lists: $paged items for limit=30)"
      fi
    fi
    bench_stop
  done
done
