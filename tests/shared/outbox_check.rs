//! The outbox as a crash must leave it, whatever the moment: every order,
//! payment and refund has exactly one event for head office, and no event
//! speaks of a row that is not there (they are written in one transaction).
//! Shared by the crash tests (`#[path]`-included).

use rusqlite::Connection;

/// What is wrong between the sales and their outbox events (empty: nothing).
pub fn outbox_mismatches(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for (table, kind, id_path) in [
        ("orders", "order_placed", "$.data.order.id"),
        ("payments", "payment_recorded", "$.data.payment.id"),
        ("refunds", "refund_recorded", "$.data.refund.id"),
    ] {
        let without: i64 = conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} m WHERE (SELECT count(*) FROM outbox e
                       WHERE e.kind = ?1 AND json_extract(e.body, ?2) = m.id) != 1"
                ),
                [kind, id_path],
                |r| r.get(0),
            )
            .expect("rows without their event");
        if without > 0 {
            out.push(format!(
                "{without} {table} without exactly one {kind} event"
            ));
        }
        let orphans: i64 = conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM outbox e WHERE e.kind = ?1
                       AND NOT EXISTS (SELECT 1 FROM {table} m WHERE m.id = json_extract(e.body, ?2))"
                ),
                [kind, id_path],
                |r| r.get(0),
            )
            .expect("events without their row");
        if orphans > 0 {
            out.push(format!("{orphans} {kind} events without their {table} row"));
        }
    }
    out
}
