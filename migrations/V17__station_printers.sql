-- Station printers (#16): a kitchen station (the `station` of categories,
-- e.g. `bar`) may have its own network ESC/POS printer, which gets a ticket
-- with only that station's lines when an order reaches the kitchen. A table
-- of its own rather than settings keys: the stations are named by the shop,
-- and the transaction placing an order asks in one statement which of its
-- stations have a printer.
CREATE TABLE station_printers (
    station        TEXT PRIMARY KEY NOT NULL CHECK (station <> ''),
    host           TEXT NOT NULL CHECK (host <> ''),
    port           INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    paper_width_mm INTEGER NOT NULL CHECK (paper_width_mm IN (58, 80))
) STRICT;

-- Station tickets waiting for their printer, like receipts in print_jobs:
-- written in the transaction that sends the order to the kitchen (its
-- placing, or its accept), gone once the station's printer took it. The
-- order's row is written after its tickets in the same transaction, hence
-- the deferred check.
CREATE TABLE station_print_jobs (
    id        TEXT PRIMARY KEY NOT NULL,
    order_id  TEXT NOT NULL REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED,
    station   TEXT NOT NULL,
    queued_at TEXT NOT NULL
) STRICT;
CREATE INDEX station_print_jobs_order ON station_print_jobs(order_id);
