-- Shifts at the till: opened with a float, cash put in or taken out with a
-- reason, closed with the cash counted. Each is a money event of its own,
-- only ever inserted; a shift is open while it has no row in shift_closes.

CREATE TABLE shifts (
    id            TEXT PRIMARY KEY NOT NULL,
    currency      TEXT NOT NULL,
    opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
    opened_by     TEXT REFERENCES users(id),
    opened_at     TEXT NOT NULL
) STRICT;
CREATE INDEX shifts_opened ON shifts(opened_at);

CREATE TABLE shift_cash (
    id         TEXT PRIMARY KEY NOT NULL,
    shift_id   TEXT NOT NULL REFERENCES shifts(id),
    kind       TEXT NOT NULL CHECK (kind IN ('in','out')),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    reason     TEXT NOT NULL,
    by_user    TEXT REFERENCES users(id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX shift_cash_shift ON shift_cash(shift_id);

CREATE TABLE shift_closes (
    shift_id      TEXT PRIMARY KEY NOT NULL REFERENCES shifts(id),
    expected_cash INTEGER NOT NULL,
    counted_cash  INTEGER NOT NULL CHECK (counted_cash >= 0),
    closed_by     TEXT REFERENCES users(id),
    closed_at     TEXT NOT NULL
) STRICT;

CREATE INDEX payments_created ON payments(created_at);
