-- Tables and ordering from them (#16). Each table has a code printed as a QR
-- code; scanning it opens /t/<code>, which starts a guest session: a
-- short-lived credential for that table's menu and the guest's own orders.
CREATE TABLE dining_tables (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL UNIQUE,
    area       TEXT NOT NULL DEFAULT '',
    code       TEXT NOT NULL UNIQUE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
) STRICT;

-- A guest's session at a table: its token is kept only as a SHA-256 hash.
CREATE TABLE guest_sessions (
    id         TEXT PRIMARY KEY NOT NULL,
    table_id   TEXT NOT NULL REFERENCES dining_tables(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX guest_sessions_table ON guest_sessions(table_id, created_at);

-- Orders a guest placed: their session, and (where the shop accepts guests'
-- orders first) when staff accepted it; until then the kitchen does not see it.
ALTER TABLE orders ADD COLUMN guest_session_id TEXT REFERENCES guest_sessions(id) ON DELETE SET NULL;
ALTER TABLE orders ADD COLUMN awaiting_accept INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_accept IN (0, 1));
CREATE INDEX orders_guest_session ON orders(guest_session_id) WHERE guest_session_id IS NOT NULL;
