-- Head office (#15): the outbox. Every order, payment, refund, status change
-- and shift close adds its event here in the same transaction as the sale;
-- the pusher sends pending events and marks them sent once head office has
-- acknowledged their ids. `sync_state` keeps the last push's outcome.
CREATE TABLE outbox (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    id      TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL,
    at      TEXT NOT NULL,
    body    TEXT NOT NULL,
    sent_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox(seq) WHERE sent_at IS NULL;

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
