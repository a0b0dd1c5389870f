#!/usr/bin/env bash
# Build the sample graph, load it into a throwaway Neo4j started with docker compose, and run
# every query in queries/ against it. Needs Docker with the compose plugin.
#
#   scripts/neo4j_smoke.sh [INPUT...]      (default: the shipped sample)
#
# Uses NEO4J_PASSWORD from the environment or .env (a throwaway one if neither sets it) and
# leaves the container running; stop it with `docker compose down` (add -v to drop the data).
set -euo pipefail

cd "$(dirname "$0")/.."
KG="${KG:-.venv/bin/kg}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

if [ -f .env ]; then
  set -a
  # shellcheck disable=SC1091
  . ./.env
  set +a
fi
export NEO4J_USER="${NEO4J_USER:-neo4j}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-kg-smoke-$RANDOM$RANDOM}"
URI="${NEO4J_SMOKE_URI:-bolt://localhost:7687}"

if [ "$#" -gt 0 ]; then
  INPUTS=("$@")
else
  INPUTS=(kg/data/sample/listing.txt kg/data/sample/papers.jsonl)
fi

echo "== starting Neo4j"
docker compose up -d --wait

echo "== building the graph from ${INPUTS[*]}"
"$KG" build "${INPUTS[@]}" --out "$OUT"

echo "== loading into $URI (twice: the second load must create nothing)"
"$KG" load "$OUT" --uri "$URI"
second="$("$KG" load "$OUT" --uri "$URI")"
echo "$second"
if ! grep -q "nodes: 0 created" <<<"$second" || ! grep -q "relationships: 0 created" <<<"$second"; then
  echo "second load created nodes or relationships" >&2
  exit 1
fi

failed=0
for file in queries/*.cypher; do
  echo "== $file"
  if ! "$KG" query --file "$file" --uri "$URI"; then
    failed=$((failed + 1))
  fi
done

if [ "$failed" -gt 0 ]; then
  echo "$failed query file(s) failed against Neo4j" >&2
  exit 1
fi
echo "== all queries ran against Neo4j; browse at http://localhost:7474"
