#!/usr/bin/env bash
# `make bench`: figures from release builds, printed as they are measured (docs/PERFORMANCE.md
# says what they mean). Not a test: nothing fails for being slow.
#   bench/run.sh <bench-binary> <site-dir>
# The bench binary (examples/bench.rs) is the real router plus baseline handlers. It runs pinned
# to core 0 and wrk to core 1; the card and its baseline are measured in alternating rounds in
# the same process, so a busy machine slows both alike and the ratio stays meaningful.
# DATABASE_URL=postgres://… runs it on PostgreSQL (a database that is made and dropped here);
# SQLite in a temporary folder otherwise. BENCH_ONLY=P1,P4 (any of P1 P3 P4 P5 P6 P7 P11 P12) measures
# only those, for a quick look at one figure after a change.
set -euo pipefail
bin=$1
site=$2
port=${BENCH_PORT:-3990}
rounds=${BENCH_ROUNDS:-3}
secs=${BENCH_SECONDS:-5}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
pid=
pg_db=
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; } || true
  if [ -n "$pg_db" ]; then psql -q "${DATABASE_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
only() { [ -z "${BENCH_ONLY:-}" ] || [[ ",$BENCH_ONLY," == *",$1,"* ]]; }

if [[ "${DATABASE_URL:-}" == postgres* ]]; then
  pg_db=crm_bench_$$
  psql -q "$DATABASE_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  url="${DATABASE_URL%/*}/$pg_db"
  backend=PostgreSQL
else
  url="sqlite://$data/bench.db?mode=rwc"
  backend=SQLite
fi
export DATABASE_URL=$url LEPTOS_SITE_ROOT=$site LEPTOS_OUTPUT_NAME=crm-card LEPTOS_SITE_PKG_DIR=pkg

echo "# CRM Card bench — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'), $backend, $(nproc) cores, $(uname -m)"
echo
if only P6; then
  echo "== P6 bundle (release)"
  "$here/bundle.sh" "$site"
  echo
fi
echo "== seeding the bench database (demo data, 40- and 200-field cards, 1M-event timeline)"
eval "$("$bin" seed)"
echo
if only P3 || only P12; then "$bin" queries; echo; fi
if only P5; then "$bin" timeline; echo; fi

taskset -c 0 "$bin" serve "127.0.0.1:$port" 2> "$data/server.log" &
pid=$!
base=http://127.0.0.1:$port
for _ in $(seq 120); do
  curl -fsS -o /dev/null "$base/login" 2>/dev/null && break
  sleep 0.25
done
cookie=$(curl -fsS -o /dev/null -D - -X POST -H "Origin: $base" "$base/api/login" \
  -d 'email=anna%40example.com&password=demo' | sed -nE 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/p')

# One wrk run: prints "req/s p50-ms p99-ms failed", failed counting answers other than 2xx/3xx
# and requests that got none (wrk's socket errors: a page that panicked closes its connection).
load() {
  local conns=$1 path=$2 script=${3:-}
  local args=(-t1 -c"$conns" -d"${secs}s" --latency -H "Cookie: $cookie" -H "Origin: $base")
  [ -n "$script" ] && args+=(-s "$script")
  taskset -c 1 wrk "${args[@]}" "$base$path" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { err += $NF }
    /Socket errors/ { for (i = 3; i <= NF; i++) { v = $i; gsub(",", "", v); if (v ~ /^[0-9]+$/) err += v } }
    END { printf "%.1f %.2f %.2f %d\n", rps, p50, p99, err }'
}

# Alternating rounds of two routes; prints the median of each figure and the ratio of req/s.
compare() {
  local label=$1 conns=$2 app=$3 baseline=$4 script_app=${5:-} script_base=${6:-}
  : > "$data/a"; : > "$data/b"
  for _ in $(seq "$rounds"); do
    load "$conns" "$app" "$script_app" >> "$data/a"
    load "$conns" "$baseline" "$script_base" >> "$data/b"
  done
  median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'; }
  local ar ap50 ap99 ae br bp50 bp99 be
  ar=$(median "$data/a" 1); ap50=$(median "$data/a" 2); ap99=$(median "$data/a" 3); ae=$(awk '{ s += $4 } END { print s }' "$data/a")
  br=$(median "$data/b" 1); bp50=$(median "$data/b" 2); bp99=$(median "$data/b" 3); be=$(awk '{ s += $4 } END { print s }' "$data/b")
  printf '%-34s %10s %8s %8s %6s | %10s %8s %8s %6s | %6s\n' "$label" "$ar" "$ap50" "$ap99" "$ae" "$br" "$bp50" "$bp99" "$be" \
    "$(awk -v a="$ar" -v b="$br" 'BEGIN { printf "%.2fx", a / b }')"
}

header() {
  printf '%-34s %10s %8s %8s %6s | %10s %8s %8s %6s | %6s\n' "$1" "req/s" "p50 ms" "p99 ms" "failed" "req/s" "p50 ms" "p99 ms" "failed" "ratio"
}

if only P1; then
  echo "== P1 card page (SSR) vs baseline handler: $rounds alternating rounds of ${secs}s, 8 connections, server on core 0, wrk on core 1"
  header "card (app | baseline)"
  # What every page costs before its content: session, one item query, the frame and an error
  # message (both answer 404, so "failed" counts every request there).
  compare "frame only: unknown item (404)" 8 "/crm/lead/999999999" "/baseline/crm/lead/999999999"
  compare "demo lead (few fields, few events)" 8 "/crm/lead/$DEMO_LEAD" "/baseline/crm/lead/$DEMO_LEAD"
  compare "deal: 40 fields, 6 sections, 50 ev" 8 "/crm/deal/$SMALL_DEAL" "/baseline/crm/deal/$SMALL_DEAL"
  compare "company: 200 fields, 100k events" 8 "/crm/company/$BIG_COMPANY" "/baseline/crm/company/$BIG_COMPANY"
  echo
  # A smart process's card against a deal card of the same size (40 fields, 6 sections, 50
  # events), both the app's pages: the ratio is what a type being data costs (target ≥ 0.95×).
  header "smart process card | deal card"
  compare "smart process vs deal, 40 fields" 8 "/crm/$SMART_TYPE/$SMART_ITEM" "/crm/deal/$SMALL_DEAL"
  echo
fi

if only P4; then
  # P4: writes from one client, each carrying the version the last answer gave, against one plain
  # UPDATE of the same value after the same session lookup. `%V` is the version, `%S` alternates
  # between two strings.
  api() { curl -fsS -H "Cookie: $1" -H "Origin: $base" -H 'Content-Type: application/json' "$base/api/$2" -d "$3"; }
  writer() {  # writer <body with %V and %S> <first version> <string a> <string b> <state file>
    local body=${1//%V/\" .. version .. \"}
    body=${body//%S/\" .. alt[n % 2 + 1] .. \"}
    printf 'version = %s\nn = 0\nalt = {"%s", "%s"}\nstate = "%s"\n' "$2" "$3" "$4" "$5"
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
    printf 'request = function()\n  n = n + 1\n  return wrk.format(nil, nil, nil, "%s")\nend\n' "$body"
    # Each answer gives the next base: a save answers the new version, a refused one (409) the
    # current one.
    printf 'response = function(status, headers, body)\n  local v = body:match("\\"version\\":(%%d+)")\n'
    printf '  if v then version = tonumber(v) end\nend\n'
    # Every wrk round is a new process: the last round's version is handed on through a file, so
    # no round starts from the version the script was written with. One 409 a round can remain:
    # a save still in flight when wrk stops is applied, but its answer (the version) is never read.
    printf 'init = function(args)\n  local f = io.open(state, "r")\n'
    printf '  if f then version = tonumber(f:read("*l")) or version; f:close() end\nend\n'
    printf 'threads = {}\nsetup = function(thread) table.insert(threads, thread) end\n'
    printf 'done = function()\n  local f = io.open(state, "w")\n'
    printf '  if f then f:write(tostring(threads[1]:get("version"))); f:close() end\nend\n'
  }
  q='\"'
  version=$(api "$cookie" card "{\"entity\":\"deal\",\"id\":$SMALL_DEAL}" | grep -oE '"header":\{[^}]*"version":[0-9]+' | grep -oE '[0-9]+$')
  writer "{${q}entity${q}:${q}deal${q},${q}id${q}:$SMALL_DEAL,${q}version${q}:%V,${q}changes${q}:{${q}comment${q}:{${q}t${q}:${q}text${q},${q}v${q}:${q}%S${q}}}}" \
    "$version" "bench one" "bench two" "$data/save.version" > "$data/save.lua"
  writer "{${q}id${q}:$SMALL_DEAL,${q}value${q}:${q}%S${q}}" 0 "bench one" "bench two" "$data/plain.version" > "$data/plain.lua"
  echo "== P4 writes vs one plain UPDATE: 1 connection, $rounds alternating rounds of ${secs}s"
  header "write (app | baseline)"
  compare "save one field (staff)" 1 "/api/save_fields" "/baseline/save" "$data/save.lua" "$data/plain.lua"
  admin=$(curl -fsS -o /dev/null -D - -X POST -H "Origin: $base" "$base/api/login" \
    -d 'email=admin%40example.com&password=admin' | sed -nE 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/p')
  lv=$(api "$admin" layout_editor '{"entity":"deal","view":{"kind":"common"}}' | grep -oE '"version":[0-9]+' | head -1 | grep -oE '[0-9]+')
  # The operation moves a field to the top of one section, then of another, and so on.
  writer "{${q}entity${q}:${q}deal${q},${q}view${q}:{${q}kind${q}:${q}common${q}},${q}version${q}:%V,${q}ops${q}:[{${q}op${q}:${q}move_field${q},${q}code${q}:${q}comment${q},${q}section${q}:${q}%S${q},${q}after${q}:null}]}" \
    "$lv" "$SECTION_A" "$SECTION_B" "$data/layout.version" > "$data/layout.lua"
  cookie=$admin
  compare "one layout operation (admin)" 1 "/api/save_layout" "/baseline/save" "$data/layout.lua" "$data/plain.lua"
  echo
fi

if only P12; then
  # P12: the kanban page of the 10,000-deal, 8-stage bench pipeline (8 columns of 20 cards, the
  # totals) against the list page of the same pipeline's first stage (50 rows), both the app's.
  echo "== P12 kanban board vs list of the same pipeline: $rounds alternating rounds of ${secs}s, 8 connections"
  header "board | list"
  compare "10,000-deal pipeline, 8 stages" 8 "/crm/deal/kanban?pipeline=$BOARD_PIPELINE" "/crm/deal?stage=$BOARD_STAGE"
  echo
fi

# P7–P9 and P12's drag in chromium under a 4× CPU throttle, against the same server
# (end2end/perf/perf.spec.ts).
if only P7 || only P12; then
  grep=; only P7 || grep=P12; only P12 || grep=P7
  if (cd "$here/../end2end" && BENCH_BASE=$base BENCH_DEAL=$SMALL_DEAL BENCH_BOARD=$BOARD_PIPELINE \
    npx playwright test -c playwright.perf.config.ts ${grep:+-g "$grep"}) > "$data/perf.log" 2>&1; then
    sed -n -e '/== P7/,/INP per run/p' -e '/== P12/,/P12 INP per run/p' "$data/perf.log"
  else
    echo "!! the browser figures could not be measured; the end of Playwright's output:"
    grep -v 'pid=' "$data/perf.log" | tail -40
  fi
fi

# Last: its flood leaves this machine's address throttled for sign-ins for a while.
if only P11; then
  # P11: a signed-in user's card page while 48 connections send wrong sign-ins, against the same
  # page with nothing else going on, in alternating rounds. "one address": the flood comes from
  # one client (it is soon throttled: 429 without a password check). "many addresses": each
  # attempt from another address and for another account (X-Forwarded-For, as behind a proxy),
  # so none is throttled and every one costs a password check: what bounded hashing is for.
  flood() {  # flood <one|many> <result file>
    cat > "$data/flood.lua" <<LUA
n = 0
fivexx = 0
many = "$1" == "many"
request = function()
  n = n + 1
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = "$base" }
  if many then headers["X-Forwarded-For"] = "10." .. (n % 250) .. "." .. (math.floor(n / 250) % 250) .. ".7" end
  return wrk.format("POST", "/api/login", headers, "email=flood" .. n .. "%40example.com&password=wrong")
end
response = function(status) if status >= 500 then fivexx = fivexx + 1 end end
threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary) io.write(string.format("FLOOD %d %d\n", summary.requests, threads[1]:get("fivexx"))) end
LUA
    taskset -c 1 wrk -t1 -c48 -d"$((secs + 1))s" -s "$data/flood.lua" "$base/api/login" | grep '^FLOOD' > "$2"
  }
  echo "== P11 card page p99 during a sign-in flood (48 connections) vs idle: $rounds alternating rounds of ${secs}s, 2 connections"
  printf '%-16s %10s %8s %8s %6s | %10s %8s %8s %6s | %8s %12s %6s\n' "flood from" "req/s" "p50 ms" "p99 ms" "failed" \
    "idle req/s" "p50 ms" "p99 ms" "failed" "p99 x" "sign-ins" "5xx"
  page="/crm/deal/$SMALL_DEAL"
  for mode in one many; do
    : > "$data/during"; : > "$data/idle"; : > "$data/floods"
    for _ in $(seq "$rounds"); do
      load 2 "$page" >> "$data/idle"
      flood "$mode" "$data/flood.out" &
      fpid=$!
      sleep 0.5
      load 2 "$page" >> "$data/during"
      wait "$fpid"
      cat "$data/flood.out" >> "$data/floods"
    done
    median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'; }
    dr=$(median "$data/during" 1); d50=$(median "$data/during" 2); d99=$(median "$data/during" 3)
    de=$(awk '{ s += $4 } END { print s }' "$data/during")
    ir=$(median "$data/idle" 1); i50=$(median "$data/idle" 2); i99=$(median "$data/idle" 3)
    ie=$(awk '{ s += $4 } END { print s }' "$data/idle")
    attempts=$(awk '{ s += $2 } END { print s }' "$data/floods"); fives=$(awk '{ s += $3 } END { print s }' "$data/floods")
    printf '%-16s %10s %8s %8s %6s | %10s %8s %8s %6s | %8s %12s %6s\n' "$mode address(es)" "$dr" "$d50" "$d99" "$de" \
      "$ir" "$i50" "$i99" "$ie" "$(awk -v a="$d99" -v b="$i99" 'BEGIN { printf "%.2fx", a / b }')" "$attempts" "$fives"
  done
  echo
fi
