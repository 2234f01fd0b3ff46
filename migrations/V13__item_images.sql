-- Item pictures (#16). An admin uploads one picture per item; the server
-- resizes it into two JPEGs: one for tablets and the kiosk (`image`), a
-- small one for the counter's buttons (`image_thumb`). Each is kept here by
-- the SHA-256 of its bytes, so backups and restores carry the pictures
-- with everything else; the server also writes them to `images/<hash>.jpg`
-- in the data directory and serves them from there (re-written from this
-- table when missing, e.g. after a restore). A picture no item uses any
-- more is deleted with the change that dropped it.
CREATE TABLE images (
    hash   TEXT PRIMARY KEY NOT NULL
           CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
    bytes  BLOB NOT NULL
) STRICT;

-- Both set or both NULL (the app writes them together).
ALTER TABLE items ADD COLUMN image TEXT REFERENCES images(hash);
ALTER TABLE items ADD COLUMN image_thumb TEXT REFERENCES images(hash);
CREATE INDEX items_image ON items(image);
CREATE INDEX items_image_thumb ON items(image_thumb);
