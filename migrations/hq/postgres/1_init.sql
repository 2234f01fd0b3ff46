-- Head office on PostgreSQL. Ids are UUID strings, times unix microseconds
-- (UTC), money integer minor units beside its ISO 4217 currency.

CREATE TABLE hq_settings (
    name  VARCHAR(64) PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE hq_owners (
    id            VARCHAR(36) PRIMARY KEY,
    username      VARCHAR(64) NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- A login and the refresh tokens it has been given, one family per login.
CREATE TABLE hq_sessions (
    family_id  VARCHAR(36) PRIMARY KEY,
    owner_id   VARCHAR(36) NOT NULL REFERENCES hq_owners (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE hq_refresh_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    family_id  VARCHAR(36) NOT NULL REFERENCES hq_sessions (family_id),
    expires_at BIGINT NOT NULL,
    spent_at   BIGINT
);

CREATE TABLE hq_shops (
    id              VARCHAR(36) PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    created_at      BIGINT NOT NULL,
    enrolled_at     BIGINT,
    credential_hash VARCHAR(64) UNIQUE,
    currency        VARCHAR(3),
    last_sync_at    BIGINT
);

CREATE TABLE hq_enrolment_codes (
    code_hash  VARCHAR(64) PRIMARY KEY,
    shop_id    VARCHAR(36) NOT NULL REFERENCES hq_shops (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

-- Every event as a shop sent it: the source of truth of what follows.
CREATE TABLE hq_events (
    shop_id     VARCHAR(36) NOT NULL REFERENCES hq_shops (id),
    id          VARCHAR(36) NOT NULL,
    seq         BIGINT NOT NULL,
    kind        VARCHAR(32) NOT NULL,
    at          BIGINT NOT NULL,
    order_id    VARCHAR(36),
    body        TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (shop_id, id)
);
CREATE INDEX hq_events_by_order ON hq_events (shop_id, order_id, kind, seq);

CREATE TABLE hq_orders (
    shop_id       VARCHAR(36) NOT NULL,
    id            VARCHAR(36) NOT NULL,
    number        BIGINT NOT NULL,
    business_date VARCHAR(10) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    status_seq    BIGINT NOT NULL,
    currency      VARCHAR(3) NOT NULL,
    total         BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    received_at   BIGINT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (shop_id, id)
);
CREATE INDEX hq_orders_by_date ON hq_orders (business_date, shop_id);

CREATE TABLE hq_payments (
    shop_id    VARCHAR(36) NOT NULL,
    id         VARCHAR(36) NOT NULL,
    order_id   VARCHAR(36) NOT NULL,
    method     VARCHAR(16) NOT NULL,
    currency   VARCHAR(3) NOT NULL,
    amount     BIGINT NOT NULL,
    tip        BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (shop_id, id)
);
CREATE INDEX hq_payments_by_order ON hq_payments (shop_id, order_id);

CREATE TABLE hq_refunds (
    shop_id     VARCHAR(36) NOT NULL,
    id          VARCHAR(36) NOT NULL,
    order_id    VARCHAR(36) NOT NULL,
    method      VARCHAR(16) NOT NULL,
    currency    VARCHAR(3) NOT NULL,
    amount      BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    refund_date VARCHAR(10) NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (shop_id, id)
);
CREATE INDEX hq_refunds_by_order ON hq_refunds (shop_id, order_id);
CREATE INDEX hq_refunds_by_date ON hq_refunds (refund_date, shop_id);

CREATE TABLE hq_shifts (
    shop_id       VARCHAR(36) NOT NULL,
    id            VARCHAR(36) NOT NULL,
    currency      VARCHAR(3) NOT NULL,
    opening_float BIGINT NOT NULL,
    cash_in       BIGINT NOT NULL,
    cash_out      BIGINT NOT NULL,
    expected_cash BIGINT NOT NULL,
    counted_cash  BIGINT NOT NULL,
    opened_at     BIGINT NOT NULL,
    closed_at     BIGINT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (shop_id, id)
);
