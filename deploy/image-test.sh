#!/usr/bin/env bash
# Builds Vertok's image from the Dockerfile and proves it with podman (docs/deploy.md):
#   - the base: the official JRE image when it can be pulled, else one built from Debian's
#     packages (mmdebstrap: openjdk-17-jre-headless) and imported under a local name;
#   - the jar: built on this machine with the Maven wrapper and copied in (JAR_STAGE=prebuilt),
#     so the image build needs no access to Maven Central;
#   - the image: no JDK, no Maven, no sources; runs as a non-root user; the heap of
#     jvm.options; a HEALTHCHECK;
#   - a container: /health answers 200, the healthcheck passes, a user registers, a real MP4 clip
#     is published (FFmpeg's natives probe it inside the image) and shows in the feed; after a
#     restart of the container the user logs in and the video is still listed: the data lives in
#     the volume;
#   - a cluster: two containers on one network (a gateway, the user domain) join each other by
#     name on the image's fixed ports, and a user registers and logs in through the gateway.
# Needs podman, buildah and mmdebstrap (.ci/services installs them) and root. Uses the host port
# IMAGE_TEST_PORT and the next one (default 18180, 18181). Leaves the base image (a cache for the
# next run) and removes the containers, the network, the volume and the test image.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${IMAGE_TEST_PORT:-18180}"
IMAGE=localhost/vertok:image-test
NAME=vertok-image-test
VOLUME=vertok-image-test-data
NETWORK=vertok-image-test
OFFICIAL_BASE=docker.io/library/eclipse-temurin:17-jre
DEBIAN_BASE=localhost/vertok-debian-jre:17
# runc (crun refuses some hosts' cgroup layouts) and cgroupfs (no systemd needed); podman's
# default limits (the host's maximum of open files and processes) can exceed what a host lets a
# container set: these are ample for one node.
PODMAN=(podman --runtime runc --cgroup-manager cgroupfs)
LIMITS=(--ulimit nofile=16384:16384 --ulimit nproc=4096:4096)
WORK="$(mktemp -d)"
started=$SECONDS

step() { echo "image-test: $*"; }
# podman without systemd cannot schedule healthcheck timers and says so on every run and stop;
# the healthcheck is run explicitly below (podman healthcheck run).
no_timer_noise() { "$@" 2> >(grep -v 'systemd connection' >&2); }
fail() { echo "image-test: FAILED: $*" >&2; "${PODMAN[@]}" logs "$NAME" 2>&1 | tail -40 >&2 || true; exit 1; }

remove_containers() {
  "${PODMAN[@]}" rm -f -v -t 5 "$NAME" "$NAME-gateway" "$NAME-user" >/dev/null 2>&1 || true
  "${PODMAN[@]}" network rm -f "$NETWORK" >/dev/null 2>&1 || true
  "${PODMAN[@]}" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
cleanup() {
  remove_containers
  "${PODMAN[@]}" rmi -f "$IMAGE" >/dev/null 2>&1 || true
  # The stage that holds only the jar, left untagged by the build.
  "${PODMAN[@]}" image prune -f --filter label=vertok.stage=prebuilt >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
remove_containers

# Polls "$@" once a second until it succeeds or $1 seconds pass.
until_ok() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
}

# --- the base image ----------------------------------------------------------------------
if "${PODMAN[@]}" image exists "$OFFICIAL_BASE" || timeout 60 "${PODMAN[@]}" pull -q "$OFFICIAL_BASE" >/dev/null 2>&1; then
  BASE="$OFFICIAL_BASE"
  step "base: $BASE (official)"
elif "${PODMAN[@]}" image exists "$DEBIAN_BASE"; then
  BASE="$DEBIAN_BASE"
  step "base: $BASE (built from Debian's packages by an earlier run)"
else
  BASE="$DEBIAN_BASE"
  step "base: the official image cannot be pulled; building $BASE from Debian's packages"
  mmdebstrap --quiet --variant=apt --include=openjdk-17-jre-headless,ca-certificates \
    --customize-hook='chroot "$1" apt-get clean' --customize-hook='rm -rf "$1"/var/lib/apt/lists/*' \
    bookworm "$WORK/rootfs.tar"
  "${PODMAN[@]}" import -q --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$WORK/rootfs.tar" "$DEBIAN_BASE" >/dev/null
  rm -f "$WORK/rootfs.tar"
fi

# --- the jar and a clip --------------------------------------------------------------------
if [ ! -f target/vertok.jar ] || [ ! -d target/test-classes/verticles/support ]; then
  step "building the jar (./mvnw package -DskipTests)"
  ./mvnw -q -B -ntp package -DskipTests
fi
CLIP="$WORK/clip.mp4"
java -cp target/test-classes:target/vertok.jar verticles.support.Clips "$CLIP" 2

# --- the image -----------------------------------------------------------------------------
step "building $IMAGE"
no_timer_noise "${PODMAN[@]}" build -q --format docker --build-arg RUNTIME_IMAGE="$BASE" --build-arg JAR_STAGE=prebuilt \
  -t "$IMAGE" . >/dev/null
user="$("${PODMAN[@]}" image inspect --format '{{.Config.User}}' "$IMAGE")"
[ "$user" = "10001:10001" ] || fail "the image runs as '$user', not 10001:10001"
"${PODMAN[@]}" image inspect --format '{{.Config.Healthcheck}}' "$IMAGE" | grep -q '/ready' || fail "no HEALTHCHECK on /ready"
toolchain="$(no_timer_noise "${PODMAN[@]}" run --rm "${LIMITS[@]}" --entrypoint bash "$IMAGE" -c \
  'command -v javac mvn; ls -d /src /root/.m2 2>/dev/null; find / -xdev -name "*.java" -path "*verticles*" 2>/dev/null | head -1' || true)"
[ -z "$toolchain" ] || fail "the final stage holds build tools or sources: $toolchain"
heap="$(no_timer_noise "${PODMAN[@]}" run --rm "${LIMITS[@]}" --memory 1g --entrypoint java "$IMAGE" \
  @/app/jvm.options -XshowSettings:vm -version 2>&1 | sed -n 's/.*Max\. Heap Size[^:]*: //p')"
[ -n "$heap" ] || fail "the image's java does not take /app/jvm.options"
size="$("${PODMAN[@]}" image inspect --format '{{.Size}}' "$IMAGE")"
step "image: $((size / 1024 / 1024)) MiB, user $user, heap (jvm.options): $heap"

# --- run it --------------------------------------------------------------------------------
run_container() {
  no_timer_noise "${PODMAN[@]}" run -d --name "$NAME" "${LIMITS[@]}" --memory 1g -p "127.0.0.1:$PORT:8080" \
    -v "$VOLUME:/data" -e VERTOK_BCRYPT_COST=4 -e VERTOK_PUBLIC_BASE_URL="http://127.0.0.1:$PORT" "$IMAGE" >/dev/null
}
health_up() { curl -fsS -m 5 "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"status":"UP"'; }
api() { curl -fsS -m 30 "$@"; }
json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {"d": d}))' "$1"; }

step "starting a container on 127.0.0.1:$PORT"
run_container
until_ok 120 health_up || fail "/health did not answer UP within 120 s"
until_ok 60 "${PODMAN[@]}" healthcheck run "$NAME" >/dev/null || fail "the image's HEALTHCHECK did not pass"
uid="$("${PODMAN[@]}" exec "$NAME" id -u)"
[ "$uid" != 0 ] || fail "the server runs as root"

reply="$(api -X POST "http://127.0.0.1:$PORT/douyin/user/register/?username=imagetest&password=secret123")"
[ "$(echo "$reply" | json 'd["status_code"]')" = 0 ] || fail "register: $reply"
token="$(echo "$reply" | json 'd["token"]')"
reply="$(api -F "token=$token" -F "title=from the image test" -F "data=@$CLIP;type=video/mp4" \
  "http://127.0.0.1:$PORT/douyin/publish/action/")"
[ "$(echo "$reply" | json 'd["status_code"]')" = 0 ] || fail "publish: $reply"
listed() {
  api "http://127.0.0.1:$PORT/douyin/feed/" | json '[v["title"] for v in d.get("video_list") or []]' | grep -q "from the image test"
}
until_ok 30 listed || fail "the published video is not in the feed"
step "registered, published a clip, it is in the feed"
played_url() {
  api "http://127.0.0.1:$PORT/douyin/feed/" | json '[v["play_url"] for v in d["video_list"] if v["title"] == "from the image test"][0]'
}
# The web-safe rendition (FFmpeg and OpenH264 inside the image) replaces the original in play_url.
# Every cached feed page is dropped when the rendition is ready (video.changed), so from the first
# page that plays it on, every page does.
rendition_served() { played_url > "$WORK/played-url" && grep -q "/media/renditions/" "$WORK/played-url"; }
until_ok 120 rendition_served || fail "the clip's rendition was not served within 120 s: $(played_url)"
is_mp4() { python3 -c 'import sys; sys.exit(open(sys.argv[1], "rb").read(8)[4:8] != b"ftyp")' "$1"; }
rendition="$(cat "$WORK/played-url")"
[ "$(played_url)" = "$rendition" ] || fail "the feed went back to playing $(played_url) after playing $rendition"
curl -fsS -m 30 -o "$WORK/rendition.mp4" "$rendition" || fail "the rendition's file is not served"
is_mp4 "$WORK/rendition.mp4" || fail "the rendition is not an MP4 file"
step "its rendition is made and served"

step "restarting the container"
no_timer_noise "${PODMAN[@]}" stop -t 30 "$NAME" >/dev/null
no_timer_noise "${PODMAN[@]}" rm "$NAME" >/dev/null
run_container
until_ok 120 health_up || fail "/health did not answer UP within 120 s after the restart"
reply="$(api -X POST "http://127.0.0.1:$PORT/douyin/user/login/?username=imagetest&password=secret123")"
[ "$(echo "$reply" | json 'd["status_code"]')" = 0 ] || fail "login after the restart: $reply"
until_ok 30 listed || fail "the video is gone after the restart"
video="$(played_url)"
[ "$video" = "$rendition" ] || fail "after the restart the video plays $video, not its rendition $rendition"
curl -fsS -m 30 -o "$WORK/played.mp4" "$video" || fail "the video's file is not served after the restart: $video"
is_mp4 "$WORK/played.mp4" || fail "after the restart the rendition served is not an MP4 file"
step "after the restart: the account logs in, the video and its rendition are still there"

# --- a cluster of two containers ---------------------------------------------------------------
no_timer_noise "${PODMAN[@]}" rm -f -v -t 10 "$NAME" >/dev/null
"${PODMAN[@]}" network create "$NETWORK" >/dev/null
SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n')"
start_node() {
  local role=$1; shift
  no_timer_noise "${PODMAN[@]}" run -d --name "$NAME-$role" --hostname "$NAME-$role" --network "$NETWORK" \
    "${LIMITS[@]}" --memory 768m -e VERTOK_JWT_SECRET="$SECRET" -e VERTOK_BCRYPT_COST=4 \
    -e VERTOK_CLUSTER_HOST="$NAME-$role" -e VERTOK_CLUSTER_MEMBERS="$NAME-gateway,$NAME-user" \
    "$@" "$IMAGE" --cluster --roles "$role" >/dev/null
}
step "starting a gateway and a user-domain container on the network $NETWORK"
start_node gateway -p "127.0.0.1:$((PORT + 1)):8080"
start_node user
joined() {
  curl -sS -m 5 "http://127.0.0.1:$((PORT + 1))/health" 2>/dev/null \
    | json 'd["cluster"] == "UP" and d["domains"]["user"]["status"] == "UP"' 2>/dev/null | grep -q True
}
until_ok 120 joined || { "${PODMAN[@]}" logs "$NAME-user" 2>&1 | tail -20 >&2; fail "the user container did not join the gateway's cluster"; }
reply="$(api -X POST "http://127.0.0.1:$((PORT + 1))/douyin/user/register/?username=clustered&password=secret123")"
[ "$(echo "$reply" | json 'd["status_code"]')" = 0 ] || fail "register through the cluster: $reply"
reply="$(api -X POST "http://127.0.0.1:$((PORT + 1))/douyin/user/login/?username=clustered&password=secret123")"
[ "$(echo "$reply" | json 'd["status_code"]')" = 0 ] || fail "login through the cluster: $reply"
step "the two containers formed a cluster: the gateway serves accounts from the user container"

echo "image-test: passed in $((SECONDS - started)) s"
