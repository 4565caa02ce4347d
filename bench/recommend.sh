#!/usr/bin/env bash
# The recommended feed on MariaDB: GET /douyin/feed/?feed_type=recommend at 64 connections with
# the tokens of BENCH_USERS different users, side by side with the latest feed (with the same
# tokens) in the same run; then freshness: the time from an acknowledged like to the first
# recommended page of the liker that reflects it (the video liked together with it comes first).
#
#   ./mvnw -q package -DskipTests && bench/recommend.sh
#
#   BENCH_USERS        users with tokens (default 1000); each likes BENCH_LIKES videos and follows 3 users
#   BENCH_LIKES        likes per user, over HTTP (default 20)
#   BENCH_VIDEOS       videos (default 20000), seeded in SQL
#   BENCH_FRESHNESS    freshness samples (default 20)
#   BENCH_DB_HOST / BENCH_DB_PORT / BENCH_DB_USER  the MariaDB server (default root@127.0.0.1:3306)
#   VERTOK_RABBITMQ_URL  set it to run the events through RabbitMQ
#
# Every recommended page records what it showed (no video twice a day), so a user's pages thin
# out as the run goes on: the run prints the mean page size after it.
source "$(dirname "$0")/lib.sh"
BENCH_USERS=${BENCH_USERS:-1000}
BENCH_LIKES=${BENCH_LIKES:-20}
BENCH_VIDEOS=${BENCH_VIDEOS:-20000}
BENCH_FRESHNESS=${BENCH_FRESHNESS:-20}
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
BENCH_DB=vertok_recommend_$$
command -v mariadb >/dev/null || { echo "the mariadb client is needed to seed the videos" >&2; exit 1; }
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }
sql -e "CREATE DATABASE $BENCH_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
cleanup() { bench_stop; sql -e "DROP DATABASE IF EXISTS $BENCH_DB" || true; }
trap cleanup EXIT
export VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$BENCH_DB"
export VERTOK_ACCESS_LOG=false VERTOK_BCRYPT_COST=${VERTOK_BCRYPT_COST:-4} VERTOK_METRICS_PORT=${VERTOK_METRICS_PORT:-0}

bench_start
trap cleanup EXIT
BENCH_ACCOUNTS="$BENCH_DATA/accounts"
: >"$BENCH_ACCOUNTS"
# Appending (O_APPEND): the parallel registrations' lines never overwrite each other.
seq 1 "$BENCH_USERS" | xargs -P 4 -I{} bash -c "source '$BENCH_DIR/lib.sh'; bench_register br_$$_{}" >>"$BENCH_ACCOUNTS"
export BENCH_ACCOUNTS
echo "registered $BENCH_USERS users"
# The videos are published over the last 10 days, so the newest source and the followed source are realistic.
now=$(($(date +%s) * 1000))
sql "$BENCH_DB" <<SQL
INSERT INTO videos (author_id, title, play_url, cover_url, storage, created_at)
  SELECT (SELECT MIN(id) FROM users) + seq % $BENCH_USERS, CONCAT('bench video ', seq), '/media/videos/b.mp4',
         '/media/covers/b.jpg', 'local', $now - seq * (864000000 DIV $BENCH_VIDEOS) FROM seq_1_to_${BENCH_VIDEOS};
INSERT INTO video_user_stats (user_id, work_count) SELECT author_id, COUNT(*) FROM videos GROUP BY author_id;
INSERT INTO rec_videos (video_id, author_id, created_at) SELECT id, author_id, created_at FROM videos;
SQL
read -r VMIN VMAX < <(sql -N "$BENCH_DB" -e "SELECT MIN(id), MAX(id) FROM videos")
echo "seeded $BENCH_VIDEOS videos"

# Likes and follows over HTTP (their events build the recommend state): each user likes videos of
# a "taste" (ids of one residue class modulo 20, mostly among the popular low ids) and follows 3 users.
python3 - "$BENCH_ACCOUNTS" "$BENCH_URL" "$VMIN" "$VMAX" "$BENCH_LIKES" <<'PY'
import json, random, sys, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor
accounts = [line.split() for line in open(sys.argv[1])]
base, vmin, vmax, likes = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
random.seed(18)
def post(path, **params):
    body = urllib.parse.urlencode(params).encode()
    reply = json.load(urllib.request.urlopen(base + path, data=body, timeout=30))
    assert reply["status_code"] == 0, reply
def act(i):
    uid, token = accounts[i]
    taste = i % 20
    for _ in range(likes):
        offset = int(random.paretovariate(1.2)) * 20 + taste
        post("/douyin/favorite/action/", token=token, video_id=vmin + min(offset, vmax - vmin), action_type=1)
    for other in random.sample(range(len(accounts)), 4):
        if other != i:
            post("/douyin/relation/action/", token=token, to_user_id=accounts[other][0], action_type=1)
with ThreadPoolExecutor(8) as pool:
    list(pool.map(act, range(len(accounts))))
PY
until [ "$(curl -s "$BENCH_URL/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"].get("backlog"))')" = 0 ]; do
  sleep 0.5
done
echo "likes and follows applied ($((BENCH_USERS * BENCH_LIKES)) likes)"

BENCH_SECONDS=5 BENCH_FEED=latest bench_wrk warm-up-latest 64 /douyin/feed/ "$BENCH_DIR/recommend.lua" >/dev/null
BENCH_SECONDS=5 BENCH_FEED=recommend bench_wrk warm-up-recommend 64 /douyin/feed/ "$BENCH_DIR/recommend.lua" >/dev/null
BENCH_FEED=latest bench_wrk latest-token 64 /douyin/feed/ "$BENCH_DIR/recommend.lua"
BENCH_FEED=recommend bench_wrk recommend-token 64 /douyin/feed/ "$BENCH_DIR/recommend.lua"
sql -N "$BENCH_DB" -e "SELECT CONCAT('recommended pages served: ', COUNT(*), ', mean videos a page: ',
  ROUND(AVG(LENGTH(video_ids) - LENGTH(REPLACE(video_ids, ',', '')) + 1), 1)) FROM rec_impressions"

# Freshness: a fresh pair of old videos (not among the newest, nobody follows their authors) liked
# together by one user; then a new user likes the first and polls their recommended page until
# the second comes first.
python3 - "$BENCH_URL" "$BENCH_FRESHNESS" "$VMAX" "$$" <<'PY'
import json, sys, time, urllib.parse, urllib.request
base, samples, vmax, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def call(path, post=False, **params):
    query = urllib.parse.urlencode(params)
    request = urllib.request.Request(base + path + ("" if post else "?" + query), data=query.encode() if post else None)
    reply = json.load(urllib.request.urlopen(request, timeout=30))
    assert path == "/health" or reply["status_code"] == 0, reply
    return reply
def user(name):
    return call("/douyin/user/register/", post=True, username=name, password="benchpass")["token"]
delays = []
for i in range(samples):
    first, second = vmax - 2 * i - 1, vmax - 2 * i   # the oldest videos
    earlier = user(f"bf_{pid}_{i}_a")
    call("/douyin/favorite/action/", post=True, token=earlier, video_id=first, action_type=1)
    call("/douyin/favorite/action/", post=True, token=earlier, video_id=second, action_type=1)
    viewer = user(f"bf_{pid}_{i}_b")
    while call("/health")["events"].get("backlog") != 0:  # the earlier likes are out of the outbox
        time.sleep(0.01)
    call("/douyin/favorite/action/", post=True, token=viewer, video_id=first, action_type=1)
    liked = time.monotonic()
    while True:
        page = call("/douyin/feed/", feed_type="recommend", token=viewer)["video_list"]
        if page and page[0]["id"] == second:
            delays.append((time.monotonic() - liked) * 1000)
            break
        if time.monotonic() - liked > 10:
            delays.append(float("inf"))
            break
delays.sort()
print("freshness (like acknowledged -> first recommended page that reflects it, %d samples): p50 %.0f ms  max %.0f ms"
      % (len(delays), delays[len(delays) // 2], delays[-1]))
PY
