#!/usr/bin/env bash
# Failover and rolling restart under load (bench/cluster.py): a gateway and two domain nodes of
# one cluster on one MariaDB database; kill -9 of a domain node, then a rolling restart (SIGTERM
# and start again, one node after the other). Prints, for each, the failed reads and writes, how
# long errors lasted, and each node's share of the requests.
#
#   ./mvnw -q package -DskipTests
#   VERTOK_DB_URL=mysql://vertok:vertok@127.0.0.1:3306/vertok_bench bench/cluster.sh
#
#   BENCH_CONNECTIONS      client connections (default 64)
#   BENCH_USERS            users to register (default 60)
#   BENCH_SETTLE_SECONDS   load before and after each event (default 3)
#   BENCH_PORT, BENCH_JAR  as in bench/lib.sh
source "$(dirname "$0")/lib.sh"
bench_require
[ -n "${VERTOK_DB_URL:-}" ] || { echo "set VERTOK_DB_URL to a MariaDB/MySQL database the nodes share" >&2; exit 1; }
cd "$ROOT"
exec python3 "$BENCH_DIR/cluster.py"
