#!/usr/bin/env bash
# The offline evaluation of the recommended feed (docs/recommend.md): a generated community with
# planted tastes (by default 5,000 users in 20 taste groups, 20,000 videos each of one group,
# likes mostly of the user's group, a few follows across groups), the most recent 20 % of each
# user's likes held out, and recall@30 and hit-rate@30 of each user's first recommended page
# against them, next to a popularity and a random baseline computed the same way. The ranking is
# the recommend domain's own code (Ranker, CoLikes) run in-process on the generated state: the
# figures measure the ranking, not the database or the network (bench/recommend.sh measures those).
# Deterministic: the same arguments print the same figures.
#
#   ./mvnw -q package -DskipTests && bench/recommend-eval.sh [users [videos [groups [seed]]]]
#
# The last line reads: recall@30 recommend R1 popularity R2 random R3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$ROOT/target/test-classes/verticles/recommend/RecommendEval.class" ] && [ -f "$ROOT/target/vertok.jar" ] \
  || { echo "build the test classes first: ./mvnw -q package -DskipTests" >&2; exit 1; }
exec java -Xmx1g -cp "$ROOT/target/test-classes:$ROOT/target/vertok.jar" verticles.recommend.RecommendEval "$@"
