-- The customer's side (#16): a rating and comment on an order, left by the
-- customer or kiosk that placed it (orders.placed_by / orders.customer_id
-- say who that is), moderated by an admin before the kiosk shows it; and the
-- admins' inbox of notifications about things worth a look.

CREATE TABLE feedback (
    id           TEXT PRIMARY KEY NOT NULL,
    -- One per order.
    order_id     TEXT NOT NULL UNIQUE REFERENCES orders(id),
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 500),
    -- Who left it: the user (customer account or kiosk device).
    left_by      TEXT REFERENCES users(id),
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending','approved','rejected')),
    created_at   TEXT NOT NULL,
    moderated_by TEXT REFERENCES users(id),
    moderated_at TEXT
) STRICT;
CREATE INDEX feedback_status ON feedback(status, created_at);

CREATE TABLE notifications (
    id         TEXT PRIMARY KEY NOT NULL,
    -- `feedback_received`, `printer_offline`, `item_sold_out`,
    -- `refund_above_limit`, `shift_cash_difference`, `sync_behind`.
    kind       TEXT NOT NULL,
    -- The values a client words the message with (a JSON object).
    params     TEXT NOT NULL DEFAULT '{}',
    -- The same in English (logs, API users).
    message    TEXT NOT NULL,
    -- What it is about, once: a second notification with the same key is
    -- not written (e.g. `refund:<id>`); NULL for no such rule.
    dedupe_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    read_at    TEXT
) STRICT;
CREATE INDEX notifications_created ON notifications(created_at);
CREATE INDEX notifications_unread ON notifications(read_at) WHERE read_at IS NULL;
