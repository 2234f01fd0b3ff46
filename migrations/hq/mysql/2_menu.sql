-- Menu roll-out (#15): the menu each shop last sent, the owner's draft of
-- the master menu, the published versions (never changed once published),
-- and which version each shop runs (from its `menu_applied` events).
-- MEDIUMTEXT: a large menu is more than TEXT's 64 KiB.

CREATE TABLE hq_shop_menus (
    shop_id     VARCHAR(36) PRIMARY KEY REFERENCES hq_shops (id),
    body        MEDIUMTEXT NOT NULL,
    received_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row, named 'master'.
CREATE TABLE hq_menu_draft (
    name           VARCHAR(16) PRIMARY KEY,
    body           MEDIUMTEXT NOT NULL,
    updated_at     BIGINT NOT NULL,
    source_shop_id VARCHAR(36) REFERENCES hq_shops (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE hq_menu_versions (
    version      BIGINT PRIMARY KEY,
    body         MEDIUMTEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by VARCHAR(36) NOT NULL REFERENCES hq_owners (id),
    categories   BIGINT NOT NULL,
    items        BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE hq_shops ADD COLUMN menu_version BIGINT, ADD COLUMN menu_applied_at BIGINT;
