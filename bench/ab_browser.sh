#!/usr/bin/env bash
# P7–P9 of two front-end builds side by side: which site's card is quicker in chromium? A figure,
# not a test.
#   bench/ab_browser.sh <bench-binary> <site-dir-A> <site-dir-B> [<bench-binary-B>]
# One server per site (the same bench binary, one SQLite bench database seeded once), so only
# the WebAssembly, JS and CSS differ. With a fourth argument, B's site is served by that binary:
# for comparing two commits whose server renders the page differently (a site hydrates only the
# HTML its own commit's server writes; both commits must share the database schema).
# end2end/perf/perf.spec.ts (4× CPU throttle) runs against A, then B, again and again, so a
# machine whose speed drifts slows both alike. Prints each round's medians, then the medians of
# all runs for A and B and their ratio B/A.
# BENCH_ROUNDS (4) rounds of BENCH_RUNS (5) page loads each per site.
# Build a site with `cargo leptos build --release --frontend-only` in a clone at the commit wanted;
# it lands in that clone's target/site.
set -euo pipefail
declare -A bin=([A]=$1 [B]=${4:-$1}) site=([A]=$2 [B]=$3)
rounds=${BENCH_ROUNDS:-4}
runs=${BENCH_RUNS:-5}
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "$0")/servers.sh"
export DATABASE_URL="sqlite://$data/bench.db?mode=rwc" LEPTOS_OUTPUT_NAME=crm-card LEPTOS_SITE_PKG_DIR=pkg
eval "$(LEPTOS_SITE_ROOT=${site[A]} "${bin[A]}" seed 2>/dev/null)"

declare -A port=([A]=${BENCH_PORT:-3992} [B]=$((${BENCH_PORT:-3992} + 1)))
# A is up before B starts: B may add migrations of its own to the database A seeded.
for s in A B; do
  LEPTOS_SITE_ROOT=${site[$s]} "${bin[$s]}" serve "127.0.0.1:${port[$s]}" 2> "$data/$s.log" & pids+=($!)
  wait_up "${port[$s]}"
done

echo "# A: ${site[A]} served by ${bin[A]}"
echo "# B: ${site[B]} served by ${bin[B]}"
echo "# $rounds rounds of $runs page loads per site, A then B; chromium 4x CPU throttle; deal $SMALL_DEAL"
# Per run, one line per site: lcp hydrated inp-edit inp-open inp-save inp-drag.
for r in $(seq "$rounds"); do
  for s in A B; do
    out=$(cd "$here/../end2end" && BENCH_BASE=http://127.0.0.1:${port[$s]} BENCH_DEAL=$SMALL_DEAL BENCH_RUNS=$runs \
      BENCH_PER_RUN=1 npx playwright test -c playwright.perf.config.ts 2>&1) || { echo "$out"; exit 1; }
    grep '^per-run ' <<< "$out" | cut -d' ' -f2- | sed "s/^/$s /" >> "$data/runs"
    printf 'round %s %s: %s\n' "$r" "$s" "$(grep -E '^P8 (INP inline|  of which)' <<< "$out" | sed -E 's/ +/ /g' | tr '\n' ';')"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '\n%-34s %8s %8s %6s\n' "median of all runs" A B B/A
col=2
for name in "P7 LCP" "P7 hydrated" "P8 INP inline edit" "P8   opening click" "P8   Save" "P8 INP keyboard drag"; do
  a=$(awk -v c=$col '$1 == "A" { print $c }' "$data/runs" | median)
  b=$(awk -v c=$col '$1 == "B" { print $c }' "$data/runs" | median)
  awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN { printf "%-34s %6.0f ms %5.0f ms %6s\n", n, a, b, (a > 0 ? sprintf("%.2f", b / a) : "-") }'
  col=$((col + 1))
done
