#!/usr/bin/env bash
# The rate limits (bench/ratelimit.py): a register burst from one address split over two
# gateways of one cluster (admitted against the limit); a legitimate login's latency, from
# another address, while an attacker floods wrong-password logins, with the limits and without;
# a read's latency with and without the limiter, side by side (wrk). No database needed: the
# nodes run on the embedded one.
#
#   ./mvnw -q package -DskipTests
#   bench/ratelimit.sh
#
#   BENCH_BURST            registers in the burst (default 400)
#   BENCH_REGISTER_LIMIT   the register limit per address per minute for the burst (default 50)
#   BENCH_FLOODERS         attacker connections (default 64)
#   BENCH_FLOOD_SECONDS    how long the legitimate user logs in under the flood, once a second (default 7:
#                          within the login limits of one address)
#   BENCH_SECONDS          each wrk run of the reads (default 10)
#   BENCH_PORT, BENCH_JAR  as in bench/lib.sh (the nodes take BENCH_PORT to BENCH_PORT + 3)
source "$(dirname "$0")/lib.sh"
bench_require
cd "$ROOT"
exec python3 "$BENCH_DIR/ratelimit.py"
