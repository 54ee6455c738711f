#!/usr/bin/env bash
# P4's database share on PostgreSQL: the save's one batch statement (as store::batch sends it)
# against the baseline's one-row UPDATE, with pgbench, one client, alternating rounds. A figure,
# not a test. Usage: bench/db_share_pg.sh [admin URL, default postgres://postgres:postgres@127.0.0.1:5432]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
admin=${1:-postgres://postgres:postgres@127.0.0.1:5432}
db=crm_share_$$
work=$(mktemp -d)
trap 'psql -q "$admin/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
psql -q "$admin/postgres" -c "CREATE DATABASE $db" >/dev/null
cat "$here/../migrations/postgres/0001_init.sql" "$here/../migrations/postgres/0003_search_text.sql" | psql -q "$admin/$db" >/dev/null
psql -q "$admin/$db" >/dev/null <<'SQL'
INSERT INTO users (id, email, name, password_hash, created_at) VALUES (1, 'a', 'a', 'x', 0);
INSERT INTO items (id, entity_type, title, version, created_at, updated_at) SELECT i, 'deal', 't' || i, 1, 0, 0 FROM generate_series(1, 2000) i;
INSERT INTO field_values SELECT i, 'f' || f, '{"t":"text","v":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}' FROM generate_series(1, 2000) i, generate_series(0, 9) f;
INSERT INTO timeline_events (item_id, kind, at, user_id, payload) SELECT i, 'comment', e, 1, '{}' FROM generate_series(1, 2000) i, generate_series(1, 50) e;
SQL
cat > "$work/plain.sql" <<'SQL'
\set n random(1, 1000000000)
UPDATE field_values SET value = '{"t":"text","v":"bench ' || :n || '"}' WHERE item_id = 777 AND field_code = 'f1';
SQL
cat > "$work/save.sql" <<'SQL'
\set n random(1, 1000000000)
WITH claimed AS (UPDATE items SET version = version + 1, updated_at = :n, title = 't777', responsible_id = NULL, search_text = 't777 bench' WHERE id = 777 AND entity_type = 'deal' RETURNING version),
w0 AS (INSERT INTO field_values (item_id, field_code, value) SELECT 777, 'f1', '{"t":"text","v":"bench"}' WHERE EXISTS (SELECT 1 FROM claimed) ON CONFLICT (item_id, field_code) DO UPDATE SET value = excluded.value),
w1 AS (INSERT INTO field_changes (item_id, version, field_code, old_value, new_value, user_id, at) SELECT 777, (SELECT version FROM claimed), 'f1', 'old', 'new', 1, :n WHERE EXISTS (SELECT 1 FROM claimed))
INSERT INTO timeline_events (item_id, kind, at, user_id, payload) SELECT 777, 'field_changed', :n, 1, '{}' WHERE EXISTS (SELECT 1 FROM claimed) RETURNING id;
SQL
for round in 1 2 3; do
  p=$(pgbench -n -M prepared -c1 -T4 -f "$work/plain.sql" "$admin/$db" 2>/dev/null | awk '/^tps/ { print $3 }')
  s=$(pgbench -n -M prepared -c1 -T4 -f "$work/save.sql" "$admin/$db" 2>/dev/null | awk '/^tps/ { print $3 }')
  awk -v r="$round" -v p="$p" -v s="$s" 'BEGIN { printf "round %s: plain UPDATE %.0f tps, the save'"'"'s batch %.0f tps, ratio %.2fx\n", r, p, s, s / p }'
done
