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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO hq_order_lines (shop_id, order_id, line_no, item_id, name, quantity, line_total)
SELECT o.shop_id, o.id, l.n - 1, l.item_id, l.name, l.quantity, l.line_total
FROM hq_orders o,
     JSON_TABLE(o.body, '$.lines[*]' COLUMNS (
         n          FOR ORDINALITY,
         item_id    VARCHAR(36) PATH '$.item_id',
         name       TEXT PATH '$.name',
         quantity   BIGINT PATH '$.quantity',
         line_total BIGINT PATH '$.line_total.amount'
     )) AS l;
