#!/usr/bin/env bash
# `make bench`: figures from the release build, printed as they are measured. Starts the release
# server on a spare port with fresh demo data, measures, stops it. Not a test: nothing fails for
# being slow. What the figures mean: docs/PERFORMANCE.md.
#   bench/run.sh <server-binary> <site-dir>
set -euo pipefail
bin=$1
site=$2
port=${BENCH_PORT:-3990}
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
echo "== P6 bundle (release)"
"$(dirname "$0")/bundle.sh" "$site"
echo "== card server render (release, SQLite, demo data)"
CRM_ADDRESS=127.0.0.1:$port CRM_DATA_DIR=$data CRM_DEMO_DATA=true CRM_LOG=warn DATABASE_URL="${DATABASE_URL:-}" \
  LEPTOS_SITE_ROOT=$site LEPTOS_OUTPUT_NAME=crm-card LEPTOS_SITE_PKG_DIR=pkg "$bin" > "$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/login" 2>/dev/null && break
  sleep 0.5
done
base=http://127.0.0.1:$port
jar="$data/jar"
curl -fsS -c "$jar" -o /dev/null -X POST -H "Origin: $base" "$base/api/login" -d 'email=anna%40example.com&password=demo'
# The first deal a search finds (rows start with their id).
first_deal() {
  curl -fsS -b "$jar" -H "Origin: $base" -H 'Content-Type: application/json' "$base/api/list_items" \
    -d "{\"entity\":\"deal\",\"search\":$1,\"stage_id\":null,\"before\":null}" | sed -E 's/.*"rows":\[\{"id":([0-9]+).*/\1/'
}
# The demo deal with the long timeline, and the newest ordinary one.
"$(dirname "$0")/card_ssr.sh" "$base" "/crm/deal/$(first_deal '"Annual supply contract"')" 200
"$(dirname "$0")/card_ssr.sh" "$base" "/crm/deal/$(first_deal null)" 200
