-- The customer's side (#16): featured items come first on the kiosk and the
-- QR pages; each item has a preparation time (minutes) from which an
-- order's ready time is estimated; a category may be routed to a kitchen
-- station (e.g. `bar`), whose board and printer get only its lines.
ALTER TABLE items ADD COLUMN featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1));
ALTER TABLE items ADD COLUMN prep_minutes INTEGER NOT NULL DEFAULT 3
    CHECK (prep_minutes BETWEEN 0 AND 180);
ALTER TABLE categories ADD COLUMN station TEXT;

-- A line keeps the station and preparation time it was sold with, and when
-- its station bumped it (done; NULL while it is still to make).
ALTER TABLE order_lines ADD COLUMN station TEXT;
ALTER TABLE order_lines ADD COLUMN prep_minutes INTEGER NOT NULL DEFAULT 0
    CHECK (prep_minutes BETWEEN 0 AND 180);
ALTER TABLE order_lines ADD COLUMN done_at TEXT;

-- When the kitchen started an order and when it had it ready (for the
-- kitchen's measured pace), and the ready time last estimated for it.
ALTER TABLE orders ADD COLUMN started_at TEXT;
ALTER TABLE orders ADD COLUMN ready_at TEXT;
ALTER TABLE orders ADD COLUMN estimated_ready_at TEXT;
CREATE INDEX orders_ready_at ON orders(ready_at) WHERE ready_at IS NOT NULL;

-- Each station's lane: when it is free again, after the orders queued at
-- it (`''`: lines without a station). An order placed is estimated behind
-- it without reading the whole queue.
CREATE TABLE kitchen_lanes (
    station TEXT PRIMARY KEY NOT NULL,
    free_at TEXT NOT NULL
) STRICT;
