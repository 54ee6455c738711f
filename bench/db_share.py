#!/usr/bin/env python3
"""P4's database share: the writes of one save (the item claimed at its version, the value, its
change-log row, the timeline event, in one transaction) against the baseline's one-row UPDATE,
sent straight to SQLite with no server around them. A figure, not a test (docs/PERFORMANCE.md,
"P4 and P8 looked at again"). Usage: bench/db_share.py [FULL|NORMAL]  (synchronous; FULL is what
the app runs). PostgreSQL's side: bench/db_share_pg.sh."""
import json, os, statistics, sqlite3, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
sync = sys.argv[1] if len(sys.argv) > 1 else "FULL"
migrations = os.path.join(here, "..", "migrations", "sqlite")
schema = "".join(open(os.path.join(migrations, f)).read() for f in ("0001_init.sql", "0003_search_text.sql"))
path = os.path.join(tempfile.mkdtemp(), "share.db")
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute(f"PRAGMA synchronous={sync}")
db.execute("PRAGMA foreign_keys=ON")
db.executescript(schema)
db.execute("INSERT INTO users (id, email, name, password_hash, created_at) VALUES (1, 'a', 'a', 'x', 0)")
db.execute("BEGIN")
for i in range(1, 2001):
    db.execute("INSERT INTO items (id, entity_type, title, version, created_at, updated_at) VALUES (?, 'deal', ?, 1, 0, 0)", (i, f"t{i}"))
    for f in range(10):
        db.execute("INSERT INTO field_values VALUES (?, ?, ?)", (i, f"f{f}", json.dumps({"t": "text", "v": "x" * 30})))
    for e in range(50):
        db.execute("INSERT INTO timeline_events (item_id, kind, at, user_id, payload) VALUES (?, 'comment', ?, 1, '{}')", (i, e))
db.execute("COMMIT")
ITEM = 777
version = [1]


def plain(n):
    db.execute("UPDATE field_values SET value = ? WHERE item_id = ? AND field_code = 'f1'",
               (json.dumps({"t": "text", "v": f"bench {n}"}), ITEM))


def save(n):
    v = version[0]
    new = json.dumps({"t": "text", "v": f"bench {n}"})
    db.execute("BEGIN")
    db.execute("UPDATE items SET version = version + 1, updated_at = ?, title = 't777', responsible_id = NULL, "
               "search_text = ? WHERE id = ? AND entity_type = 'deal' AND version = ? RETURNING version",
               (n, f"t777 bench {n}", ITEM, v)).fetchall()
    db.execute("INSERT INTO field_values (item_id, field_code, value) SELECT ?, 'f1', ? WHERE TRUE "
               "ON CONFLICT (item_id, field_code) DO UPDATE SET value = excluded.value", (ITEM, new))
    db.execute("INSERT INTO field_changes (item_id, version, field_code, old_value, new_value, user_id, at) "
               "SELECT ?, ?, 'f1', 'old', ?, 1, ? WHERE TRUE", (ITEM, v + 1, new, n))
    db.execute("INSERT INTO timeline_events (item_id, kind, at, user_id, payload) SELECT ?, 'field_changed', ?, 1, ? "
               "WHERE TRUE RETURNING id", (ITEM, n, json.dumps({"changes": [{"code": "f1", "new": new}]}))).fetchall()
    db.execute("COMMIT")
    version[0] = v + 1


def micros(f, n=300):
    t = time.perf_counter()
    for i in range(n):
        f(i)
    return (time.perf_counter() - t) / n * 1e6


rounds = {"plain": [], "save": []}
for _ in range(7):  # alternating, so a busy machine slows both alike
    rounds["plain"].append(micros(plain))
    rounds["save"].append(micros(save))
p, s = statistics.median(rounds["plain"]), statistics.median(rounds["save"])
print(f"SQLite {sqlite3.sqlite_version}, synchronous={sync}: plain UPDATE {p:.0f} us, the save's writes {s:.0f} us, "
      f"ratio {p / s:.2f}x (medians of 7 rounds of 300)")
