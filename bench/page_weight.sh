#!/usr/bin/env bash
# P6, the whole first visit: what a browser downloads to show and hydrate a card — the page's
# HTML, the language's messages its loader fetches, the release WebAssembly, JS glue and CSS —
# raw and brotli (quality 11), for two builds side by side, and B's total over A's. A figure,
# not a test.
#   bench/page_weight.sh <bench-binary-A> <site-dir-A> <bench-binary-B> <site-dir-B>
# One SQLite bench database, seeded by A; A's server starts first (B's may add its migrations to
# the database after A has started). The page is the 40-field deal card, signed in as Anna.
set -euo pipefail
declare -A bin=([A]=$1 [B]=$3) site=([A]=$2 [B]=$4)
source "$(dirname "$0")/servers.sh"
export DATABASE_URL="sqlite://$data/bench.db?mode=rwc" LEPTOS_OUTPUT_NAME=crm-card LEPTOS_SITE_PKG_DIR=pkg
eval "$(LEPTOS_SITE_ROOT=${site[A]} "${bin[A]}" seed 2>/dev/null)"
declare -A port=([A]=${BENCH_PORT:-3994} [B]=$((${BENCH_PORT:-3994} + 1)))
for s in A B; do
  LEPTOS_SITE_ROOT=${site[$s]} "${bin[$s]}" serve "127.0.0.1:${port[$s]}" 2> "$data/$s.log" & pids+=($!)
  wait_up "${port[$s]}"
done

brotli() { node -e 'const z=require("zlib"),fs=require("fs");
  const b=z.brotliCompressSync(fs.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}});
  console.log(b.length)' "$1"; }

printf '%-4s %-16s %10s %10s\n' build part raw brotli
declare -A total
for s in A B; do
  base=http://127.0.0.1:${port[$s]}
  cookie=$(curl -fsS -o /dev/null -D - -X POST -H "Origin: $base" "$base/api/login" \
    -d 'email=anna%40example.com&password=demo' | sed -nE 's/^[Ss]et-[Cc]ookie: (crm_session=[^;]*).*/\1/p')
  curl -fsS -H "Cookie: $cookie" "$base/crm/deal/$SMALL_DEAL" -o "$data/$s.html"
  # The messages the page's loader fetches, when it fetches any (a build that puts them in the
  # page has them in its HTML).
  files=("$data/$s.html")
  messages=$(grep -o "fetch('/i18n/[^']*'" "$data/$s.html" | head -n1 | sed -E "s/fetch\('([^']*)'/\1/" || true)
  if [ -n "$messages" ]; then
    curl -fsS "$base$messages" -o "$data/$s-messages.json"
    files+=("$data/$s-messages.json")
  fi
  total[$s]=0
  for f in "${files[@]}" "${site[$s]}"/pkg/*.wasm "${site[$s]}"/pkg/*.js "${site[$s]}"/pkg/*.css; do
    raw=$(wc -c < "$f")
    br=$(brotli "$f")
    total[$s]=$((total[$s] + br))
    printf '%-4s %-16s %10d %10d\n' "$s" "$(basename "$f" | sed -E 's/^[AB]\.html$/card page HTML/; s/^[AB]-messages\.json$/messages/')" "$raw" "$br"
  done
  printf '%-4s %-16s %10s %10d\n' "$s" "first visit" "" "${total[$s]}"
done
awk -v a="${total[A]}" -v b="${total[B]}" 'BEGIN { printf "first visit, brotli: B/A %.4f (%+.2f %%)\n", b / a, (b / a - 1) * 100 }'
