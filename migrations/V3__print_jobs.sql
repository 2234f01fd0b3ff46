-- Receipts waiting for the printer. A receipt queued with a payment is written
-- in the payment's transaction, so a restart (or a crash) does not forget it;
-- the row goes once the printer took it. Drawer kicks and test pages are not
-- kept: late, they are not wanted.
CREATE TABLE print_jobs (
    id        TEXT PRIMARY KEY NOT NULL,
    order_id  TEXT NOT NULL REFERENCES orders(id),
    queued_at TEXT NOT NULL
) STRICT;
