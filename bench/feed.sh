#!/usr/bin/env bash
# The anonymous feed (a page of 30 complete videos) from a database of BENCH_VIDEOS videos by
# BENCH_AUTHORS authors, at 64 and 256 connections; and the time to publish a 2-second clip
# (upload to success), measured one publish at a time. The latest page is cached by the gateway
# (feed_cache_ms) and made each token owner's own with two calls; the latest_time run measures a
# page composed from scratch.
#
#   ./mvnw -q package -DskipTests && bench/feed.sh
#
# The clip is made by the test-scope tool verticles.support.Clips (package compiles the test
# classes; -DskipTests only skips running them). Seeding publishes the clip over HTTP in parallel.
source "$(dirname "$0")/lib.sh"
BENCH_VIDEOS=${BENCH_VIDEOS:-1000}
BENCH_AUTHORS=${BENCH_AUTHORS:-100}
BENCH_PUBLISH_SAMPLES=${BENCH_PUBLISH_SAMPLES:-20}
[ -d "$ROOT/target/test-classes/verticles/support" ] || { echo "build the test classes first: ./mvnw -q package -DskipTests" >&2; exit 1; }

bench_start
CLIP="$BENCH_DATA/clip.mp4"
java -cp "$ROOT/target/test-classes:$ROOT/target/vertok.jar" verticles.support.Clips "$CLIP" 2
echo "clip: $(stat -c %s "$CLIP") bytes"

TOKENS="$BENCH_DATA/tokens"
: > "$TOKENS"
for i in $(seq 1 "$BENCH_AUTHORS"); do bench_register "feed_author_$i" | cut -d' ' -f2 >> "$TOKENS"; done
echo "registered $BENCH_AUTHORS authors"

publish() { # token title → the JSON reply
  curl -fsS -X POST "$BENCH_URL/douyin/publish/action/" -F "token=$1" -F "title=$2" -F "data=@$CLIP;type=video/mp4"
}
export -f publish
export BENCH_URL CLIP

start=$(date +%s.%N)
for i in $(seq 1 "$BENCH_VIDEOS"); do
  echo "$(sed -n "$(( (i - 1) % BENCH_AUTHORS + 1 ))p" "$TOKENS") video_$i"
done | xargs -P 8 -L 1 bash -c 'publish "$0" "$1" | grep -q "\"status_code\":0" || echo "publish failed" >&2'
seed_seconds=$(echo "$(date +%s.%N) - $start" | bc)
echo "seeded $BENCH_VIDEOS videos in ${seed_seconds}s (8 in parallel)"

token=$(head -1 "$TOKENS")
times=()
for i in $(seq 1 "$BENCH_PUBLISH_SAMPLES"); do
  t=$(curl -fsS -o /dev/null -w '%{time_total}' -X POST "$BENCH_URL/douyin/publish/action/" \
      -F "token=$token" -F "title=timed $i" -F "data=@$CLIP;type=video/mp4")
  times+=("$t")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END {
  printf "publish 2 s clip (one at a time, %d samples): median %.1f ms, max %.1f ms\n", NR, a[int((NR + 1) / 2)] * 1000, a[NR] * 1000 }'

bench_wrk "feed (anonymous)" 64 /douyin/feed/
bench_wrk "feed (anonymous)" 256 /douyin/feed/
# A viewer with a token (the cached page plus their own likes and follows), and an older page
# (composed from scratch).
bench_wrk "feed (token)" 64 "/douyin/feed/?token=$token"
bench_wrk "feed (token)" 256 "/douyin/feed/?token=$token"
bench_wrk "feed (latest_time, no cache)" 64 "/douyin/feed/?latest_time=$(( $(date +%s) + 60 ))"
