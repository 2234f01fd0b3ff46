-- Money after the order. Every row here is a money event: written in the
-- transaction that causes it, never updated or deleted.

-- A tip given with a payment (card or cash); not part of the order's total.
ALTER TABLE payments ADD COLUMN tip INTEGER NOT NULL DEFAULT 0 CHECK (tip >= 0);

-- Money given back on an order, by amount and optionally by lines.
CREATE TABLE refunds (
    id          TEXT PRIMARY KEY NOT NULL,
    order_id    TEXT NOT NULL REFERENCES orders(id),
    method      TEXT NOT NULL CHECK (method IN ('cash','card','other')),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    reason      TEXT NOT NULL,
    refunded_by TEXT REFERENCES users(id),
    approved_by TEXT REFERENCES users(id),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX refunds_order ON refunds(order_id);
CREATE INDEX refunds_created ON refunds(created_at);

CREATE TABLE refund_lines (
    refund_id TEXT NOT NULL REFERENCES refunds(id),
    line_no   INTEGER NOT NULL,
    quantity  INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (refund_id, line_no)
) STRICT;

-- A retried payment or refund with the same Idempotency-Key from the same
-- principal finds its record here; written in the record's own transaction.
CREATE TABLE money_requests (
    scope        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('payment','refund')),
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    order_id     TEXT NOT NULL REFERENCES orders(id),
    record_id    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scope, kind, key)
) STRICT;
