-- Tax per item: each item has a tax class; a class has a rate for eat-in
-- and one for takeaway (settings key `tax_classes`, JSON). The shop-wide
-- rate of before becomes the class `standard`, for every item.
ALTER TABLE items ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard';

INSERT OR IGNORE INTO settings (key, value)
SELECT 'tax_classes', json_array(json_object(
    'id', 'standard', 'name', 'Standard',
    'eat_in_bps', CAST(value AS INTEGER), 'takeaway_bps', CAST(value AS INTEGER)))
FROM settings WHERE key = 'tax_rate_bps';

-- The tax of each order by rate, as computed when the order was placed.
CREATE TABLE order_taxes (
    order_id TEXT NOT NULL REFERENCES orders(id),
    rate_bps INTEGER NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    net      INTEGER NOT NULL,
    tax      INTEGER NOT NULL CHECK (tax >= 0),
    PRIMARY KEY (order_id, rate_bps)
) STRICT;

-- Orders of before had one rate, the shop's: their tax, recorded by rate.
INSERT INTO order_taxes (order_id, rate_bps, net, tax)
SELECT o.id, CAST(s.value AS INTEGER), o.total - o.tax, o.tax
FROM orders o JOIN settings s ON s.key = 'tax_rate_bps';
