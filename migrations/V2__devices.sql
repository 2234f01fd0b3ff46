-- Paired devices (kiosk tablets) and their one-time pairing codes.
-- A paired device is a `users` row with role 'kiosk'; revoking it disables
-- that row and revokes its token families.

CREATE TABLE pairing_codes (
    code_hash   TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    created_by  TEXT REFERENCES users(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
) STRICT;
