#!/usr/bin/env bash
# Publish of a 30-second 1080p clip, one publish at a time on a fresh server per round: the answer
# time (upload, checks, cover, store, record: no transcoding) and the time from the start of the
# publish until the web-safe rendition is served (its play_url answers), on this build; and the
# answer time of a baseline build (default: the main branch), side by side in the same run.
#
#   ./mvnw -q package -DskipTests && bench/publish.sh
#
#   BENCH_ROUNDS        publishes per build (default 3)
#   BENCH_BASELINE_JAR  the baseline's jar; when unset it is built from BENCH_BASELINE_REF (default
#                       main) with git archive and the Maven wrapper (offline), in a temporary directory
#
# The clip (MPEG-4 part 2, 1920×1080, 30 fps) is made by the test-scope tool verticles.support.Clips.
source "$(dirname "$0")/lib.sh"
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_BASELINE_REF=${BENCH_BASELINE_REF:-main}
CURRENT_JAR=$BENCH_JAR
[ -d "$ROOT/target/test-classes/verticles/support" ] || { echo "build the test classes first: ./mvnw -q package -DskipTests" >&2; exit 1; }

WORK=$(mktemp -d)
CLIP="$WORK/clip-1080p.mp4"
java -cp "$ROOT/target/test-classes:$CURRENT_JAR" verticles.support.Clips "$CLIP" 30 1920 1080 30
echo "clip: 30 s 1920x1080, $(stat -c %s "$CLIP") bytes"

BENCH_BASELINE_JAR=${BENCH_BASELINE_JAR:-$(bench_build_baseline "$BENCH_BASELINE_REF" "$WORK")}

now() { date +%s.%N; }

# publish_once LABEL WAIT_RENDITION: registers a user, publishes the clip, prints the answer time
# and, when asked, the time until the rendition is served.
publish_once() {
  local label=$1 wait_rendition=$2 token id start answered reply served="" url
  read -r id token < <(bench_register "pub_$RANDOM$RANDOM")
  start=$(now)
  reply=$(curl -fsS -X POST "$BENCH_URL/douyin/publish/action/" -F "token=$token" -F "title=bench" -F "data=@$CLIP;type=video/mp4")
  answered=$(now)
  echo "$reply" | grep -q '"status_code":0' || { echo "publish failed: $reply" >&2; exit 1; }
  if [ "$wait_rendition" = yes ]; then
    for _ in $(seq 1 6000); do # at most 10 minutes
      url=$(curl -fsS "$BENCH_URL/douyin/publish/list/?user_id=$id" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["video_list"][0]["play_url"])')
      if [[ "$url" == */media/renditions/* ]] && [ "$(curl -s -o /dev/null -w '%{http_code}' -I "$url")" = 200 ]; then
        served=$(now)
        break
      fi
      sleep 0.1
    done
    [ -n "$served" ] || { echo "the rendition was not served within 10 minutes" >&2; exit 1; }
    printf "%-10s answer %6.2f s   rendition served after %6.2f s\n" "$label" \
      "$(echo "$answered - $start" | bc)" "$(echo "$served - $start" | bc)"
  else
    printf "%-10s answer %6.2f s\n" "$label" "$(echo "$answered - $start" | bc)"
  fi
}

for round in $(seq 1 "$BENCH_ROUNDS"); do
  for variant in current baseline; do
    if [ "$variant" = current ]; then BENCH_JAR=$CURRENT_JAR; else BENCH_JAR=$BENCH_BASELINE_JAR; fi
    bench_start >/dev/null
    publish_once "$variant" "$([ "$variant" = current ] && echo yes || echo no)"
    bench_stop
    rm -rf "$BENCH_DATA"
  done
done
rm -rf "$WORK"
