-- The lines of every order, one row each, for the owners' top items across
-- shops (filled at ingest beside hq_orders). Orders received before this
-- migration get theirs from the order JSON head office already holds.

CREATE TABLE hq_order_lines (
    shop_id    VARCHAR(36) NOT NULL,
    order_id   VARCHAR(36) NOT NULL,
    line_no    BIGINT NOT NULL,
    item_id    VARCHAR(36) NOT NULL,
    name       TEXT NOT NULL,
    quantity   BIGINT NOT NULL,
    line_total BIGINT NOT NULL,
    PRIMARY KEY (shop_id, order_id, line_no)
);

INSERT INTO hq_order_lines (shop_id, order_id, line_no, item_id, name, quantity, line_total)
SELECT o.shop_id, o.id, l.n - 1, l.v ->> 'item_id', l.v ->> 'name',
       CAST(l.v ->> 'quantity' AS BIGINT), CAST(l.v -> 'line_total' ->> 'amount' AS BIGINT)
FROM hq_orders o
CROSS JOIN LATERAL jsonb_array_elements(CAST(o.body AS jsonb) -> 'lines') WITH ORDINALITY AS l(v, n);
