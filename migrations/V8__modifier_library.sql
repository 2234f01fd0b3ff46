-- A library of modifier groups (#13): "Milk" (Whole / Oat +0.40 / …)
-- defined once and attached to every coffee; its options keep their ids
-- while it is edited, so a price changed once changes for every item that
-- has it. An item's own groups stay in modifier_groups.

CREATE TABLE library_groups (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    min_select INTEGER NOT NULL CHECK (min_select >= 0),
    max_select INTEGER NOT NULL CHECK (max_select >= 1 AND max_select >= min_select)
) STRICT;

CREATE TABLE library_options (
    id          TEXT PRIMARY KEY NOT NULL,
    group_id    TEXT NOT NULL REFERENCES library_groups(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    price_delta INTEGER NOT NULL DEFAULT 0,
    sort_order  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX library_options_group ON library_options(group_id);

-- Which items have a library group, and where it sits among the item's
-- groups (sort_order shared with the item's own modifier_groups). A group
-- in use cannot be deleted (no ON DELETE: the app refuses first).
CREATE TABLE item_library_groups (
    item_id    TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    group_id   TEXT NOT NULL REFERENCES library_groups(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (item_id, group_id)
) STRICT;
CREATE INDEX item_library_groups_group ON item_library_groups(group_id);
