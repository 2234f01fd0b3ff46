-- Regulars rewarded (#16): loyalty tiers and points, coupon limits and batches.
-- The tiers and points rates are a shop setting (`loyalty`, JSON).

-- A batch of coupons made at once with random codes (CSV export).
CREATE TABLE coupon_batches (
    id         TEXT PRIMARY KEY NOT NULL,
    prefix     TEXT NOT NULL DEFAULT '',
    count      INTEGER NOT NULL CHECK (count BETWEEN 1 AND 1000),
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL
) STRICT;

ALTER TABLE coupons ADD COLUMN once_per_customer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE coupons ADD COLUMN first_order_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE coupons ADD COLUMN regulars_only INTEGER NOT NULL DEFAULT 0;
ALTER TABLE coupons ADD COLUMN batch_id TEXT REFERENCES coupon_batches(id);
CREATE INDEX coupons_batch ON coupons(batch_id);

-- The parts of an order's `discount` given by the customer's tier and by
-- points redeemed (the coupon's is what is left beside the manual one).
ALTER TABLE orders ADD COLUMN loyalty_discount INTEGER NOT NULL DEFAULT 0
    CHECK (loyalty_discount >= 0);
ALTER TABLE orders ADD COLUMN points_discount INTEGER NOT NULL DEFAULT 0
    CHECK (points_discount >= 0);
CREATE INDEX IF NOT EXISTS orders_customer_coupon ON orders(customer_id, coupon_code);

-- Points are a ledger: rows are added, never changed. A balance is the sum.
CREATE TABLE points_ledger (
    id          TEXT PRIMARY KEY NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    order_id    TEXT REFERENCES orders(id),
    kind        TEXT NOT NULL CHECK (kind IN ('earned','taken_back','redeemed','returned')),
    points      INTEGER NOT NULL CHECK (points <> 0),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX points_ledger_customer ON points_ledger(customer_id);
CREATE INDEX points_ledger_order ON points_ledger(order_id);
