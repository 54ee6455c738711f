#!/usr/bin/env bash
# Two builds of the bench binary side by side, at the same moment: which one serves more card
# pages per second? A figure, not a test.
#   bench/ab.sh <bench-binary-A> <bench-binary-B> <site-dir>
# Both servers run at once on one SQLite bench database (seeded by A), both pinned to core 0;
# wrk, on core 1, loads A then B for a short round, again and again, so a machine whose speed
# drifts between runs (by 40 % here, minutes apart) slows both alike. Prints each round and the
# median of the per-round ratios B/A for the demo lead, the 40-field deal and the 200-field
# company. BENCH_ROUNDS (7) and BENCH_SECONDS (3) set the rounds.
# Build B with a change while keeping A, e.g. `cp $CARGO_TARGET_DIR/release/examples/bench /tmp/a`.
set -euo pipefail
a=$1
b=$2
site=$3
rounds=${BENCH_ROUNDS:-7}
secs=${BENCH_SECONDS:-3}
source "$(dirname "$0")/servers.sh"
export DATABASE_URL="sqlite://$data/bench.db?mode=rwc" LEPTOS_SITE_ROOT=$site LEPTOS_OUTPUT_NAME=crm-card LEPTOS_SITE_PKG_DIR=pkg
eval "$("$a" seed 2>/dev/null)"

declare -A port=([A]=${BENCH_PORT:-3990} [B]=$((${BENCH_PORT:-3990} + 1)))
# A is up before B starts: B may add migrations of its own to the database A seeded.
taskset -c 0 "$a" serve "127.0.0.1:${port[A]}" 2> "$data/a.log" & pids+=($!)
wait_up "${port[A]}"
taskset -c 0 "$b" serve "127.0.0.1:${port[B]}" 2> "$data/b.log" & pids+=($!)
declare -A cookie
for s in A B; do
  base=http://127.0.0.1:${port[$s]}
  wait_up "${port[$s]}"
  cookie[$s]=$(curl -fsS -o /dev/null -D - -X POST -H "Origin: $base" "$base/api/login" \
    -d 'email=anna%40example.com&password=demo' | sed -nE 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/p')
done

rps() {  # rps <A|B> <path>
  taskset -c 1 wrk -t1 -c8 -d"${secs}s" -H "Cookie: ${cookie[$1]}" "http://127.0.0.1:${port[$1]}$2" |
    awk '/Requests\/sec/ { print $2 }'
}

echo "# A: $a"
echo "# B: $b"
echo "# $rounds rounds of ${secs}s each, A then B, 8 connections; server(s) on core 0, wrk on core 1"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for path in "/crm/lead/$DEMO_LEAD" "/crm/deal/$SMALL_DEAL" "/crm/company/$BIG_COMPANY"; do
  : > "$data/rounds"
  for _ in $(seq "$rounds"); do
    ra=$(rps A "$path")
    rb=$(rps B "$path")
    echo "$ra $rb" | awk '{ print $1, $2, $2 / $1 }' >> "$data/rounds"
    printf '  %-18s A %8s  B %8s  B/A %s\n' "$path" $(tail -n1 "$data/rounds")
  done
  printf '%-20s median req/s A %s, B %s; median B/A %.3f (rounds %.3f to %.3f)\n' "$path" \
    "$(cut -d' ' -f1 "$data/rounds" | median)" "$(cut -d' ' -f2 "$data/rounds" | median)" \
    "$(cut -d' ' -f3 "$data/rounds" | median)" "$(cut -d' ' -f3 "$data/rounds" | sort -n | head -n1)" \
    "$(cut -d' ' -f3 "$data/rounds" | sort -n | tail -n1)"
done
