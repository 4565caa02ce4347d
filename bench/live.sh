#!/usr/bin/env bash
# The live push (docs/realtime.md) on two clustered nodes: node A runs every role (embedded
# database), node B only a gateway. The load client (verticles.live.LiveLoad, a Java class of the
# test tree run on the jar's classpath: the server's own WebSocket client, no other tool) opens
# BENCH_WATCHERS sockets watching one video, split across both nodes, and BENCH_OTHERS watching
# other videos, then posts a danmaku every 100 ms on the nodes in turn for BENCH_SECONDS. It prints
# the delivery latency from post to receipt (p50, p99), the pushes lost by connected readers, each
# node's heap after a full GC before and after, and the clustered registrations each node holds
# and made. Then node B is started again and BENCH_IDLE idle sockets are opened on it: its RSS
# per idle socket.
#
#   ./mvnw -q package -DskipTests      # builds the jar and the test classes
#   bench/live.sh
#
#   BENCH_WATCHERS  sockets watching the video (default 1000)
#   BENCH_OTHERS    sockets watching other videos (default 200)
#   BENCH_SECONDS   how long danmaku are posted (default 60)
#   BENCH_IDLE      idle sockets of the second run (default 5000; 0: no second run)
#   BENCH_PORT      node A's port (default 18080; node B's is the next one)
#   BENCH_JAR, BENCH_JAVA_OPTS as in bench/lib.sh
#
# Registrations use bcrypt cost 4 and renditions are off (VERTOK_BCRYPT_COST, VERTOK_MEDIA_TRANSCODERS):
# the load registers hundreds of users and publishes a few clips, neither of which is measured here; rate
# limits are off (VERTOK_RATE_LIMITS; bench/ratelimit.sh measures them): the load registers from one address.
source "$(dirname "$0")/lib.sh"
bench_require
[ -d "$ROOT/target/test-classes/verticles/live" ] || { echo "build the test classes first: ./mvnw -q package -DskipTests" >&2; exit 1; }
WATCHERS=${BENCH_WATCHERS:-1000}
OTHERS=${BENCH_OTHERS:-200}
SECONDS_POSTING=${BENCH_SECONDS:-60}
IDLE=${BENCH_IDLE:-5000}
PORT_A=$BENCH_PORT
PORT_B=$((BENCH_PORT + 1))
WORK=$(mktemp -d)
CLUSTER="vertok-bench-live-$$"
PIDS=()

stop_all() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT

# start_node NAME PORT ROLES — starts a clustered node and waits for its /health; sets NODE_PID.
start_node() {
  local name=$1 port=$2 roles=$3
  mkdir -p "$WORK/$name"
  VERTOK_HTTP_PORT=$port VERTOK_HTTP_HOST=127.0.0.1 VERTOK_DATA_DIR="$WORK/$name" VERTOK_ROLES=$roles \
    VERTOK_CLUSTER_NAME=$CLUSTER VERTOK_JWT_SECRET=bench-live-secret-0123456789abcdefghij \
    VERTOK_METRICS_PORT=0 VERTOK_BCRYPT_COST=4 VERTOK_MEDIA_TRANSCODERS=0 VERTOK_RATE_LIMITS=false \
    VERTOK_LIVE_SOCKETS_MAX=20000 VERTOK_LIVE_SOCKETS_PER_IP=20000 VERTOK_HTTP_MAX_CONNECTIONS_PER_IP=20000 \
    java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" --cluster >"$WORK/$name/server.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  bench_await_health "http://127.0.0.1:$port" "$NODE_PID" "$WORK/$name/server.log" 480
  echo "node $name up on $port (log: $WORK/$name/server.log; JVM options: ${BENCH_JAVA_OPTS:-none})"
}

load() {
  (cd "$ROOT" && java -Xmx1g -cp "$BENCH_JAR:$ROOT/target/test-classes" verticles.live.LiveLoad "$@")
}

start_node a "$PORT_A" all
PID_A=$NODE_PID
start_node b "$PORT_B" gateway
PID_B=$NODE_PID
echo "== $WATCHERS watchers of one video on 2 nodes, $OTHERS watching others, a danmaku every 100 ms for ${SECONDS_POSTING}s"
load push "$PORT_A,$PORT_B" "$WATCHERS" "$OTHERS" "$SECONDS_POSTING" "$PID_A,$PID_B"
echo "node RSS: a $(($(ps -o rss= -p "$PID_A") / 1024)) MB, b $(($(ps -o rss= -p "$PID_B") / 1024)) MB"

[ "$IDLE" -gt 0 ] || exit 0
kill "$PID_B" && wait "$PID_B" 2>/dev/null || true
start_node b2 "$PORT_B" gateway
echo "== $IDLE idle sockets on the gateway node"
load idle "$PORT_B" "$IDLE" "$NODE_PID"
