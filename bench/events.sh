#!/usr/bin/env bash
# The outbox's figures (docs/events.md), on MariaDB with RabbitMQ, in one run:
#
# 1. Write throughput with the outbox against a baseline: the writes of bench/interact.sh
#    (like/unlike at c64 and c256, comment post at c64, after a warm-up) on each variant of
#    EVENTS_VARIANTS:
#      outbox       this build as it runs: outbox insert, relay, broker, consumers;
#      insert-only  this build with its relay idle (events_poll_ms of a day: it reads the empty
#                   outbox once at startup, then sleeps), so nothing is relayed or consumed: the
#                   writes pay the outbox insert and nothing else;
#      main         (when asked for) the main branch's build as it runs, measured like outbox:
#                   a change to the events' path against the code it changes.
#    The build before the outbox is no baseline here: it refuses settings this script's servers
#    are started with (rate_limits, rabbitmq_url), and it lacks much that came after it.
# 2. The lag of the outbox variant's measured runs, per consumer: write → event consumed
#    (consumed_events.occurred_at, taken as the write records its event right before it commits, to
#    consumed_at, when the consumer's transaction marks it applied right before it commits), p50,
#    p99 and max, and the peak write and consumed rates (events per second).
# 3. The relay's sustained rate: the insert-only variant leaves its events in the outbox; a server
#    with its relay running is then started on that database, and the backlog it drains (the
#    outbox rows deleted once the broker confirmed them) over the time it takes is the relay's
#    events/s, beside the consumers' rate over the same backlog. It must be at least the peak
#    write rate of part 2.
#
#   ./mvnw -q package -DskipTests && bench/events.sh
#
#   EVENTS_VARIANTS       default "outbox insert-only"
#   EVENTS_MAIN_JAR       the jar of "main" (default: built from main)
#   BENCH_RABBITMQ_URL    the broker (default amqp://guest:guest@127.0.0.1:5672); the queues are
#                         named vertok_bench_events_<pid>_<variant> and deleted afterwards (rabbitmqctl)
#   BENCH_USERS / BENCH_VIDEOS / BENCH_WARMUP_SECONDS / BENCH_DB_*   as in bench/interact.sh
source "$(dirname "$0")/lib.sh"
EVENTS_VARIANTS=${EVENTS_VARIANTS:-outbox insert-only}
BENCH_RABBITMQ_URL=${BENCH_RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:5672}
BENCH_DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
BENCH_DB_PORT=${BENCH_DB_PORT:-3306}
BENCH_DB_USER=${BENCH_DB_USER:-root}
BENCH_USERS=${BENCH_USERS:-200}
BENCH_VIDEOS=${BENCH_VIDEOS:-500}
sql() { mariadb -h"$BENCH_DB_HOST" -P"$BENCH_DB_PORT" -u"$BENCH_DB_USER" "$@"; }
command -v mariadb >/dev/null || { echo "the mariadb client is needed to seed videos" >&2; exit 1; }
CURRENT_JAR=$BENCH_JAR
WORK=$(mktemp -d)
DBS=()
PREFIXES=()
cleanup() {
  bench_stop
  for db in "${DBS[@]}"; do sql -e "DROP DATABASE IF EXISTS $db" || true; done
  for prefix in "${PREFIXES[@]}"; do
    for queue in events.hot events.recommend events.live events.dead media.jobs media.dead; do
      timeout 60 rabbitmqctl -q delete_queue "$prefix.$queue" >/dev/null 2>&1 || true
    done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
if [[ " $EVENTS_VARIANTS " == *" main "* ]] && [ -z "${EVENTS_MAIN_JAR:-}" ]; then
  EVENTS_MAIN_JAR=$(bench_build_baseline main "$WORK")
fi

# serve JAR DB PREFIX [POLL_MS]: a server on database DB, with the broker's names under PREFIX.
serve() {
  export VERTOK_DB_URL="mysql://$BENCH_DB_USER@$BENCH_DB_HOST:$BENCH_DB_PORT/$1"
  VERTOK_RABBITMQ_URL=$BENCH_RABBITMQ_URL VERTOK_RABBITMQ_PREFIX=$2 VERTOK_EVENTS_POLL_MS=${3:-${VERTOK_EVENTS_POLL_MS:-10}} \
    BENCH_JAR=$JAR bench_start >/dev/null
  trap cleanup EXIT # bench_start set its own
}

# lag DB FROM TO: per consumer, the lag of the events written between FROM and TO (ms) and the
# peak rates, from consumed_events.
lag() {
  sql -N "$1" -e "SELECT consumer, occurred_at, consumed_at FROM consumed_events WHERE occurred_at BETWEEN $2 AND $3" | python3 -c '
import collections, sys
by = collections.defaultdict(list)
for line in sys.stdin:
    consumer, o, c = line.split()
    by[consumer].append((int(o), int(c)))
for consumer, rows in sorted(by.items()):
    lags = sorted(c - o for o, c in rows)
    pct = lambda q: lags[min(len(lags) - 1, int(q * len(lags)))]
    peak = lambda i: max(collections.Counter(r[i] // 1000 for r in rows).values())
    print(f"  lag {consumer:<10} {len(rows):6d} events: written at peak {peak(0)}/s, consumed at peak {peak(1)}/s; "
          f"write -> consumed p50 {pct(0.5)} ms, p99 {pct(0.99)} ms, max {lags[-1]} ms")'
}

# cpu_seconds: "server mariadb broker", the CPU seconds (user + system) each process has used so far.
cpu_seconds() {
  local pid out=""
  for pid in "$SERVER_PID" "$(pidof mariadbd || true)" "$(pidof beam.smp || true)"; do
    out+="$(awk '{ print $14 + $15 }' "/proc/${pid:-0}/stat" 2>/dev/null || echo 0) "
  done
  echo "$out"
}

# node_metrics: from the node's /metrics, per SQL and worker pool the waits for a connection or a
# thread; the relay's batches (how many, their mean size and time from the read to the confirmation);
# and per consumer the lag histogram's p50 and p99 (the upper bound of the bucket they fall in).
node_metrics() {
  curl -fsS "http://127.0.0.1:${VERTOK_METRICS_PORT:-9464}/metrics" >"$WORK/metrics" || return 0
  python3 - "$WORK/metrics" <<'EOF2'
import collections, re, sys
pools = collections.defaultdict(lambda: collections.defaultdict(float))
lag = collections.defaultdict(dict)
value = {}
for line in open(sys.argv[1]):
    m = re.match(r'vertx_pool_queue_time_seconds_(sum|count)\{.*pool_name="([^"]+)".*\} (\S+)', line)
    if m:
        pools[m.group(2)][m.group(1)] += float(m.group(3))
    m = re.match(r'vertok_events_lag_seconds_bucket\{consumer="([^"]+)",le="([^"]+)".*\} (\S+)', line)
    if m:
        lag[m.group(1)][float(m.group(2))] = float(m.group(3))
    m = re.match(r'(vertok_events_relayed_total|vertok_events_relay_batch_seconds_(?:sum|count))(?:\{.*\})? (\S+)', line)
    if m:
        value[m.group(1)] = float(m.group(2))
print("  waits for a connection or thread: " + ", ".join(
    f"{name} {int(v['count'])}, mean {1000 * v['sum'] / max(1, v['count']):.2f} ms" for name, v in sorted(pools.items())))
batches = value.get("vertok_events_relay_batch_seconds_count", 0)
if batches:
    print(f"  relay: {int(batches)} batches, mean {value.get('vertok_events_relayed_total', 0) / batches:.0f} events, "
          f"mean {1000 * value.get('vertok_events_relay_batch_seconds_sum', 0) / batches:.1f} ms from the read to the confirmation")
for consumer, buckets in sorted(lag.items()):
    total = buckets.get(float("inf"), 0)
    bound = lambda q: next((f"{le * 1000:g} ms" if le != float("inf") else "> 10 s") for le in sorted(buckets) if buckets[le] >= q * total)
    if total:
        print(f"  lag histogram {consumer}: {int(total)} events since the start, p50 <= {bound(0.5)}, p99 <= {bound(0.99)}")
EOF2
}

# backlog_sampler DB: prints the outbox's size every 0.5 s into $WORK/backlog until killed.
backlog_sampler() {
  while sleep 0.5; do sql -N "$1" -e "SELECT COUNT(*) FROM outbox" || true; done >"$WORK/backlog"
}

# settled DB: waits until the consumers have applied everything (consumed_events stops growing).
settled() {
  local before=-1 now
  now=$(sql -N "$1" -e "SELECT COUNT(*) FROM consumed_events")
  while [ "$now" != "$before" ]; do
    sleep 1
    before=$now
    now=$(sql -N "$1" -e "SELECT COUNT(*) FROM consumed_events")
  done
}

# drain DB PREFIX: starts a relaying server on DB's backlog and prints the relay's rate (from the
# first outbox row deleted to the last, sampled every 0.1 s) and the consumers' (first to last applied).
drain() {
  local db=$1 backlog left first="" first_left end
  backlog=$(sql -N "$db" -e "SELECT COUNT(*) FROM outbox")
  JAR=$CURRENT_JAR serve "$db" "$2"
  left=$backlog
  SECONDS=0
  while [ "$left" != 0 ]; do
    sleep 0.1
    left=$(sql -N "$db" -e "SELECT COUNT(*) FROM outbox")
    if [ -z "$first" ] && [ "$left" -lt "$backlog" ]; then first=$(date +%s%3N); first_left=$left; fi
    [ "$SECONDS" -lt 600 ] || { echo "the outbox did not drain within 10 minutes" >&2; exit 1; }
  done
  end=$(date +%s%3N)
  settled "$db"
  node_metrics
  echo "  relay: $backlog events in the outbox; $first_left left at the first sample after a delete," \
    "drained $((end - first)) ms later: $(( (first_left) * 1000 / (end - first > 0 ? end - first : 1) )) events/s"
  sql -N "$db" -e "SELECT consumer, COUNT(*), MAX(consumed_at) - MIN(consumed_at) FROM consumed_events GROUP BY consumer" |
    while read -r consumer n ms; do
      echo "  consumer $consumer: $n events applied in $ms ms: $(( n * 1000 / (ms > 0 ? ms : 1) )) events/s"
    done
}

for variant in $EVENTS_VARIANTS; do
  echo "== $variant"
  db=vertok_bench_events_$$_${variant//-/_}
  prefix=vertok_bench_events_$$_${variant//-/_}
  DBS+=("$db")
  PREFIXES+=("$prefix")
  sql -e "CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  case $variant in
    outbox) JAR=$CURRENT_JAR serve "$db" "$prefix" ;;
    main) JAR=$EVENTS_MAIN_JAR serve "$db" "$prefix" ;;
    insert-only) JAR=$CURRENT_JAR serve "$db" "$prefix" 86400000 ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  export BENCH_TOKENS=$WORK/tokens-$variant
  for i in $(seq 1 "$BENCH_USERS"); do bench_register "be_$$_$i" | cut -d' ' -f2; done >"$BENCH_TOKENS"
  bench_seed_videos "$db"
  BENCH_SECONDS=${BENCH_WARMUP_SECONDS:-5} bench_wrk warm-up 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua" >/dev/null
  MEASURED_FROM=$(date +%s%3N)
  cpu_before=$(cpu_seconds)
  backlog_sampler "$db" &
  SAMPLER_PID=$!
  bench_wrk "$variant like-unlike" 64 /douyin/favorite/action/ "$BENCH_DIR/interact.lua" | tee -a "$WORK/results"
  bench_wrk "$variant like-unlike" 256 /douyin/favorite/action/ "$BENCH_DIR/interact.lua" | tee -a "$WORK/results"
  BENCH_ACTION=comment bench_wrk "$variant comment-post" 64 /douyin/comment/action/ "$BENCH_DIR/interact.lua" | tee -a "$WORK/results"
  MEASURED_TO=$(date +%s%3N)
  echo "$cpu_before $(cpu_seconds) $(getconf CLK_TCK)" | awk '{ printf "  CPU seconds during the measured runs: server %.1f, MariaDB %.1f, RabbitMQ %.1f\n",
    ($4 - $1) / $7, ($5 - $2) / $7, ($6 - $3) / $7 }'
  kill "$SAMPLER_PID"
  sort -n "$WORK/backlog" | awk '{ a[NR] = $1; sum += $1 } END { if (NR) printf "  outbox backlog sampled every 0.5 s: mean %d, p50 %d, max %d events\n", sum / NR, a[int(NR / 2) + 1], a[NR] }'
  node_metrics
  echo "  counters that differ from the rows they count: $(sql -N "$db" -e "SELECT $(bench_drift_sql)")"
  case $variant in
    outbox | main)
      until [ "$(sql -N "$db" -e "SELECT COUNT(*) FROM outbox")" = 0 ]; do sleep 0.5; done
      settled "$db"
      echo "  lag of the measured runs (the machine saturated):"
      lag "$db" "$MEASURED_FROM" "$MEASURED_TO"
      # The same path below saturation: 16 connections, each pausing 25 ms between requests.
      PACED_FROM=$(date +%s%3N)
      BENCH_DELAY_MS=25 bench_wrk "$variant like-unlike paced" 16 /douyin/favorite/action/ "$BENCH_DIR/interact.lua"
      PACED_TO=$(date +%s%3N)
      until [ "$(sql -N "$db" -e "SELECT COUNT(*) FROM outbox")" = 0 ]; do sleep 0.5; done
      settled "$db"
      echo "  lag of the paced run:"
      lag "$db" "$PACED_FROM" "$PACED_TO"
      node_metrics
      bench_stop ;;
    insert-only)
      bench_stop
      drain "$db" "$prefix"
      bench_stop ;;
  esac
done

# Side by side: req/s of each run, and the outbox variant against the others.
echo "== write throughput (req/s), side by side"
python3 - "$WORK/results" <<'EOF'
import collections, sys
runs = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    variant, scenario, c, rps = line.split()[:4]
    runs[f"{scenario} {c}"][variant] = float(rps)
for run, by in runs.items():
    out = by.get("outbox")
    cells = [f"{v} {r:.0f}" + (f" (outbox {100 * (out / r - 1):+.0f} %)" if out and v != "outbox" else "") for v, r in by.items()]
    print(f"  {run:<24} " + "   ".join(cells))
EOF
