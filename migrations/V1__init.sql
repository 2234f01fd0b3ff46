-- Crema shop store, first schema.
-- Money columns are INTEGER minor units in the shop currency (settings.currency).
-- Timestamps are RFC 3339 UTC text with microseconds, so they sort as text.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

INSERT INTO settings (key, value) VALUES
    ('shop_name', 'My Café'),
    ('currency', 'EUR'),
    ('tax_mode', 'inclusive'),
    ('tax_rate_bps', '0');

CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    username      TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin','cashier','kitchen','kiosk','customer')),
    display_name  TEXT NOT NULL,
    password_hash TEXT,
    pin_hash      TEXT,
    -- keyed HMAC of the PIN, so a PIN login finds its cashier without
    -- trying every argon2 hash; the argon2 hash is still what verifies it.
    pin_lookup    TEXT UNIQUE,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id         TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT UNIQUE REFERENCES users(id),
    name       TEXT NOT NULL,
    email      TEXT UNIQUE,
    phone      TEXT,
    created_at TEXT NOT NULL
) STRICT;

-- One login (or one paired device) is a family of refresh tokens.
CREATE TABLE token_families (
    id         TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    family_id  TEXT NOT NULL REFERENCES token_families(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    spent_at   TEXT
) STRICT;
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);

CREATE TABLE categories (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE items (
    id          TEXT PRIMARY KEY NOT NULL,
    category_id TEXT NOT NULL REFERENCES categories(id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    price       INTEGER NOT NULL CHECK (price >= 0),
    available   INTEGER NOT NULL DEFAULT 1,
    sort_order  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX items_category ON items(category_id);

CREATE TABLE modifier_groups (
    id         TEXT PRIMARY KEY NOT NULL,
    item_id    TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    min_select INTEGER NOT NULL CHECK (min_select >= 0),
    max_select INTEGER NOT NULL CHECK (max_select >= 1 AND max_select >= min_select),
    sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX modifier_groups_item ON modifier_groups(item_id);

CREATE TABLE modifier_options (
    id          TEXT PRIMARY KEY NOT NULL,
    group_id    TEXT NOT NULL REFERENCES modifier_groups(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    price_delta INTEGER NOT NULL DEFAULT 0,
    sort_order  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX modifier_options_group ON modifier_options(group_id);

CREATE TABLE coupons (
    id           TEXT PRIMARY KEY NOT NULL,
    code         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('percent','fixed')),
    value        INTEGER NOT NULL CHECK (value > 0),
    min_subtotal INTEGER,
    valid_from   TEXT,
    valid_until  TEXT,
    usage_limit  INTEGER,
    used_count   INTEGER NOT NULL DEFAULT 0,
    active       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE orders (
    id            TEXT PRIMARY KEY NOT NULL,
    business_date TEXT NOT NULL,
    number        INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('placed','in_progress','ready','completed','cancelled')),
    type          TEXT NOT NULL CHECK (type IN ('takeaway','dine_in')),
    table_label   TEXT,
    channel       TEXT NOT NULL CHECK (channel IN ('counter','kiosk','customer')),
    currency      TEXT NOT NULL,
    subtotal      INTEGER NOT NULL CHECK (subtotal >= 0),
    discount      INTEGER NOT NULL CHECK (discount >= 0),
    tax           INTEGER NOT NULL CHECK (tax >= 0),
    total         INTEGER NOT NULL CHECK (total >= 0),
    coupon_code   TEXT,
    customer_id   TEXT REFERENCES customers(id),
    placed_by     TEXT REFERENCES users(id),
    cancel_reason TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (business_date, number)
) STRICT;
CREATE INDEX orders_status ON orders(status, created_at);
CREATE INDEX orders_created ON orders(created_at);
CREATE INDEX orders_customer ON orders(customer_id);

CREATE TABLE order_lines (
    order_id   TEXT NOT NULL REFERENCES orders(id),
    line_no    INTEGER NOT NULL,
    item_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price INTEGER NOT NULL,
    line_total INTEGER NOT NULL,
    note       TEXT,
    PRIMARY KEY (order_id, line_no)
) STRICT;

CREATE TABLE order_line_modifiers (
    order_id    TEXT NOT NULL,
    line_no     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    option_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    price_delta INTEGER NOT NULL,
    PRIMARY KEY (order_id, line_no, position),
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines(order_id, line_no)
) STRICT;

CREATE TABLE payments (
    id         TEXT PRIMARY KEY NOT NULL,
    order_id   TEXT NOT NULL REFERENCES orders(id),
    method     TEXT NOT NULL CHECK (method IN ('cash','card','other')),
    amount     INTEGER NOT NULL CHECK (amount > 0),
    tendered   INTEGER,
    change_due INTEGER NOT NULL DEFAULT 0,
    taken_by   TEXT REFERENCES users(id),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX payments_order ON payments(order_id);

-- A retried POST /api/orders with the same key from the same principal
-- finds its order here; written in the order's own transaction.
CREATE TABLE idempotency_keys (
    scope        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    order_id     TEXT NOT NULL REFERENCES orders(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) STRICT;
