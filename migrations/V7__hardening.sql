-- Hardening (#12): staff terminals, pairing-code attempt caps, a grace for
-- a refresh whose answer was lost, and the audit log.

-- A paired device is either a customer kiosk or a staff terminal (a till
-- where cashiers may sign in with their PIN). NULL for people.
ALTER TABLE users ADD COLUMN device_kind TEXT
    CHECK (device_kind IN ('kiosk', 'terminal'));
UPDATE users SET device_kind = 'kiosk' WHERE role = 'kiosk';

ALTER TABLE pairing_codes ADD COLUMN device_kind TEXT NOT NULL DEFAULT 'kiosk'
    CHECK (device_kind IN ('kiosk', 'terminal'));
-- Wrong codes tried while this code was live; at 10 it stops working.
ALTER TABLE pairing_codes ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;

-- The token that replaced a spent one and the digest of the Idempotency-Key
-- the refresh was sent with, so that the same refresh retried within a few
-- seconds (its answer was lost) can be answered once more instead of ending
-- the login; `grace_used_at` makes that a one-time allowance.
ALTER TABLE refresh_tokens ADD COLUMN replaced_by TEXT;
ALTER TABLE refresh_tokens ADD COLUMN spent_key TEXT;
ALTER TABLE refresh_tokens ADD COLUMN grace_used_at TEXT;

-- Who did what, when: voids, refunds, role and credential changes, device
-- pairing and revocation, locked-out devices. Append-only.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor_id   TEXT,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
