-- Manual discounts (#13): staff take a percentage or an amount off an order,
-- with a reason. `discount` stays the order's whole discount (coupon and
-- manual); `manual_discount` is the part staff gave. Who gave and who
-- approved it is in the audit log (`discount_given`).
ALTER TABLE orders ADD COLUMN manual_discount INTEGER NOT NULL DEFAULT 0
    CHECK (manual_discount >= 0);
ALTER TABLE orders ADD COLUMN manual_discount_reason TEXT;
