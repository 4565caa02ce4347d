#!/usr/bin/env bash
# The big V's write storms, side by side with spread-out writes, on MariaDB: like/unlike at random
# on one hot video (of the big V) against likes on many videos of many authors, and follow/unfollow
# at random of one big V against follows between random users, at HOT_CONNECTIONS; then the big
# V's user info and publish list against an ordinary user's, and the feed (reads after the storm,
# once its events are delivered). Every reply's status_code is checked. Each write run also prints
# the row lock waits the database counted during it (InnoDB's Innodb_row_lock_waits and
# Innodb_row_lock_time: the writers that queued on a row lock, and how long they waited in all).
# Afterwards every counter is checked against the rows it counts, and the big V's counts as the
# API shows them against the rows.
#
# Per jar of HOT_JARS and round (the jars alternate, so the machine's drift hits them alike), a
# database of its own: the server creates the schema, one user registers over HTTP and the others
# are inserted with its password hash (user 2 is the big V); videos are inserted straight into the
# video domain's tables, the newest one the big V's (the hot video), the others by every user in
# turn. Tokens are taken once, by login, and stay valid for every server (one JWT secret).
#
#   ./mvnw -q package -DskipTests && bench/hot.sh
#   HOT_JARS="target/vertok.jar" HOT_ROUNDS=1 bench/hot.sh
#
#   HOT_JARS         servers to measure (default: "baseline target/vertok.jar"; "baseline" is the
#                    jar of HOT_BASELINE, default main, built with bench_build_baseline)
#   HOT_ROUNDS       rounds (default 1)        HOT_CONNECTIONS  wrk connections (default 256)
#   BENCH_USERS      users (default 1000)      BENCH_VIDEOS     videos (default 2000)
#   BENCH_DB_HOST / BENCH_DB_PORT / BENCH_DB_USER  the MariaDB server (default root@127.0.0.1:3306)
source "$(dirname "$0")/lib.sh"
HOT_JARS=${HOT_JARS:-baseline $BENCH_JAR}
HOT_BASELINE=${HOT_BASELINE:-main}
HOT_ROUNDS=${HOT_ROUNDS:-1}
HOT_CONNECTIONS=${HOT_CONNECTIONS:-256}
BENCH_USERS=${BENCH_USERS:-1000}
BENCH_VIDEOS=${BENCH_VIDEOS:-2000}
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
BIG_V=2
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }
command -v mariadb >/dev/null || { echo "the mariadb client is needed to seed the data" >&2; exit 1; }
export VERTOK_JWT_SECRET=${VERTOK_JWT_SECRET:-hot-bench-secret-0123456789abcdef0123456}
export VERTOK_MEDIA_TRANSCODERS=0

WORK=$(mktemp -d)
HOT_DB=""
cleanup() { bench_stop; [ -z "$HOT_DB" ] || sql -e "DROP DATABASE IF EXISTS $HOT_DB" || true; }
trap cleanup EXIT
if [[ " $HOT_JARS " == *" baseline "* ]]; then
  BASELINE_JAR=$(bench_build_baseline "$HOT_BASELINE" "$WORK")
  HOT_JARS=${HOT_JARS/baseline/$BASELINE_JAR}
fi
export BENCH_TOKENS=$WORK/tokens BENCH_ACCOUNTS=$WORK/accounts

# A fresh database with the seeded users and videos, and a server on it.
seed_and_start() {
  local jar=$1 now=$(($(date +%s) * 1000))
  HOT_DB=vertok_hot_$$_$2
  sql -e "CREATE DATABASE $HOT_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  export VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$HOT_DB"
  BENCH_JAR=$jar bench_start
  bench_register hot_1 >/dev/null
  sql "$HOT_DB" -e "INSERT INTO users (id, username, password_hash, created_at)
      SELECT seq, CONCAT('hot_', seq), (SELECT password_hash FROM users WHERE id = 1), $now FROM seq_2_to_$BENCH_USERS;
    INSERT INTO videos (id, author_id, title, play_url, cover_url, storage, created_at)
      SELECT seq, IF(seq = $BENCH_VIDEOS, $BIG_V, 1 + seq % $BENCH_USERS), CONCAT('video ', seq),
        '/media/videos/b.mp4', '/media/covers/b.jpg', 'local', $now - ($BENCH_VIDEOS - seq) * 1000
      FROM seq_1_to_$BENCH_VIDEOS;
    INSERT INTO video_user_stats (user_id, work_count) SELECT author_id, COUNT(*) FROM videos GROUP BY author_id;"
}

# writes LABEL CONNECTIONS PATH SCRIPT: bench_wrk, then the row lock waits during the run.
writes() {
  local before after
  before=$(lock_waits)
  bench_wrk "$@"
  after=$(lock_waits)
  echo "$before $after" | awk '{ printf "%-28s row lock waits %d, waited %d ms in all\n", "", $3 - $1, $4 - $2 }'
}
lock_waits() {
  sql -N -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_row_lock_waits', 'Innodb_row_lock_time')" |
    sort | awk '{ v[$1] = $2 } END { print v["Innodb_row_lock_waits"], v["Innodb_row_lock_time"] }'
}

# Waits until the events of the writes are delivered (the outbox is empty), so that the reads
# after them do not share the machine with the relay and the consumers catching up.
drained() {
  local start=$(date +%s%3N)
  until [ "$(sql -N "$HOT_DB" -e "SELECT COUNT(*) FROM outbox")" = 0 ]; do sleep 0.5; done
  printf '%-28s outbox drained in %d ms\n' "" $(( $(date +%s%3N) - start ))
}

# The big V's counts as the API shows them and as the rows count them.
shown() {
  local info likes
  info=$(curl -fsS "$BENCH_URL/douyin/user/?user_id=$BIG_V")
  likes=$(curl -fsS "$BENCH_URL/douyin/feed/?latest_time=$(( $(date +%s) * 1000 + 1000 ))")
  echo "big V: API follower_count $(echo "$info" | python3 -c 'import json,sys; print(json.load(sys.stdin)["user"]["follower_count"])')" \
    "rows $(sql -N "$HOT_DB" -e "SELECT COUNT(*) FROM follows WHERE followee_id = $BIG_V");" \
    "hot video: API favorite_count $(echo "$likes" | python3 -c "import json,sys; print(next(v['favorite_count'] for v in json.load(sys.stdin)['video_list'] if v['id'] == $BENCH_VIDEOS))")" \
    "rows $(sql -N "$HOT_DB" -e "SELECT COUNT(*) FROM favorites WHERE video_id = $BENCH_VIDEOS")"
}

for round in $(seq 1 "$HOT_ROUNDS"); do
  k=0
  for jar in $HOT_JARS; do
    k=$((k + 1))
    echo "== round $round: $jar"
    seed_and_start "$jar" "${round}_$k"
    if [ ! -s "$BENCH_ACCOUNTS" ]; then
      seq 1 "$BENCH_USERS" | xargs -P 4 -I{} sh -c 'curl -fsS -X POST "$0/douyin/user/login/" --data "username=hot_{}&password=benchpass" |
          python3 -c "import json,sys; r=json.load(sys.stdin); print(r[\"user_id\"], r[\"token\"])"' "$BENCH_URL" >"$BENCH_ACCOUNTS"
      cut -d' ' -f2 "$BENCH_ACCOUNTS" >"$BENCH_TOKENS"
      echo "logged $(wc -l <"$BENCH_ACCOUNTS") users in"
    fi
    export BENCH_VIDEO_MIN=1 BENCH_VIDEO_MAX=$BENCH_VIDEOS
    BENCH_SECONDS=10 bench_wrk warm-up 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
    BENCH_SECONDS=10 BENCH_ACTION=follow bench_wrk warm-up 64 /douyin/relation/action/ "$BENCH_DIR/social.lua"
    for c in $HOT_CONNECTIONS; do
      BENCH_VIDEO_MIN=1 BENCH_VIDEO_MAX=$((BENCH_VIDEOS - 1)) \
        writes "like spread-out videos" "$c" /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
      BENCH_VIDEO_MIN=$BENCH_VIDEOS BENCH_VIDEO_MAX=$BENCH_VIDEOS \
        writes "like one hot video" "$c" /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
      BENCH_ACTION=follow writes "follow spread-out users" "$c" /douyin/relation/action/ "$BENCH_DIR/social.lua"
      BENCH_ACTION=follow BENCH_TO_USER=$BIG_V \
        writes "follow one big V" "$c" /douyin/relation/action/ "$BENCH_DIR/social.lua"
      drained
      # The first read run after the storm varied the most between runs of one build (up to 40 %
      # between rounds): short warm-up reads first, so that it is not the ordinary user's run.
      BENCH_SECONDS=5 bench_wrk warm-up "$c" "/douyin/user/?user_id=4"
      BENCH_SECONDS=5 bench_wrk warm-up "$c" "/douyin/publish/list/?user_id=4"
      bench_wrk "user info (ordinary)" "$c" "/douyin/user/?user_id=3"
      bench_wrk "user info (big V)" "$c" "/douyin/user/?user_id=$BIG_V"
      bench_wrk "publish list (ordinary)" "$c" "/douyin/publish/list/?user_id=3"
      bench_wrk "publish list (big V)" "$c" "/douyin/publish/list/?user_id=$BIG_V"
      bench_wrk "feed (big V's video first)" "$c" "/douyin/feed/"
    done
    echo "counters that differ from the rows they count: $(sql -N "$HOT_DB" -e "SELECT $(bench_drift_sql)")"
    shown
    bench_stop
    sql -e "DROP DATABASE $HOT_DB"
    HOT_DB=""
  done
done
