-- Menu roll-out from head office (#15). An item marked local is the shop's
-- own: a roll-out neither changes nor removes it, and the shop does not
-- send it to head office. The version of head office's menu the shop runs
-- is kept in sync_state (`menu_version`).
ALTER TABLE items ADD COLUMN local INTEGER NOT NULL DEFAULT 0 CHECK (local IN (0, 1));
