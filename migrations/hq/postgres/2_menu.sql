-- Menu roll-out (#15): the menu each shop last sent, the owner's draft of
-- the master menu, the published versions (never changed once published),
-- and which version each shop runs (from its `menu_applied` events).

CREATE TABLE hq_shop_menus (
    shop_id     VARCHAR(36) PRIMARY KEY REFERENCES hq_shops (id),
    body        TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- One row, named 'master'.
CREATE TABLE hq_menu_draft (
    name           VARCHAR(16) PRIMARY KEY,
    body           TEXT NOT NULL,
    updated_at     BIGINT NOT NULL,
    source_shop_id VARCHAR(36) REFERENCES hq_shops (id)
);

CREATE TABLE hq_menu_versions (
    version      BIGINT PRIMARY KEY,
    body         TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by VARCHAR(36) NOT NULL REFERENCES hq_owners (id),
    categories   BIGINT NOT NULL,
    items        BIGINT NOT NULL
);

ALTER TABLE hq_shops ADD COLUMN menu_version BIGINT;
ALTER TABLE hq_shops ADD COLUMN menu_applied_at BIGINT;
