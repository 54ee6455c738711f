#!/usr/bin/env bash
# Server-side render time of one card: signs in to a running CRM Card and requests a card page
# N times one after another with curl, then prints min / median / p90 / max in milliseconds.
# A figure, not a test: run it against a release build (`make run`) on an otherwise quiet machine.
#   bench/card_ssr.sh [base-url] [card-path] [N]
set -euo pipefail
base=${1:-http://127.0.0.1:3000}
path=${2:-/crm/deal/60}
n=${3:-100}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
curl -fsS -c "$jar" -o /dev/null -X POST -H "Origin: $base" "$base/api/login" -d 'email=anna%40example.com&password=demo'
curl -fsS -b "$jar" -o /dev/null "$base$path"   # warm-up
for _ in $(seq "$n"); do
  curl -fsS -b "$jar" -o /dev/null -w '%{time_total}\n' "$base$path"
done | sort -n | awk -v n="$n" -v path="$path" '
  { t[NR] = $1 * 1000 }
  END {
    printf "card SSR %s over %d requests: min %.1f ms, median %.1f ms, p90 %.1f ms, max %.1f ms\n",
      path, n, t[1], (n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2), t[int(n * 0.9)], t[n]
  }'
bytes=$(curl -fsS -b "$jar" "$base$path" | wc -c)
gz=$(curl -fsS -b "$jar" -H 'Accept-Encoding: gzip' "$base$path" | wc -c)
echo "card page size: $bytes bytes, $gz bytes gzip-encoded on the wire"
