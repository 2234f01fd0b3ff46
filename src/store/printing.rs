//! Printing: the receipts waiting for the printer, in the `print_jobs` table
//! (see migrations/V3__print_jobs.sql); the stations' printers and their
//! tickets waiting (V17__station_printers.sql).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use uuid::Uuid;

use super::{row, ts, StoreResult};

pub fn insert(
    conn: &Connection,
    id: Uuid,
    order_id: Uuid,
    queued_at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached("INSERT INTO print_jobs (id, order_id, queued_at) VALUES (?1, ?2, ?3)")?
        .execute(params![id.to_string(), order_id.to_string(), ts(queued_at)])?;
    Ok(())
}

pub fn delete(conn: &Connection, id: Uuid) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM print_jobs WHERE id = ?1")?
        .execute(params![id.to_string()])?;
    Ok(())
}

/// Every waiting receipt, oldest first: (job id, order id, queued at).
pub fn all(conn: &Connection) -> StoreResult<Vec<(Uuid, Uuid, DateTime<Utc>)>> {
    row::all(
        conn,
        "SELECT id, order_id, queued_at FROM print_jobs ORDER BY queued_at, id",
        [],
        |r| {
            Ok((
                row::uuid(r, "id")?,
                row::uuid(r, "order_id")?,
                row::time(r, "queued_at")?,
            ))
        },
    )
}

/// A station's network printer: (host, port, paper width in mm).
pub type StationPrinterRow = (String, u16, u8);

/// Every station printer, by station.
pub fn station_printers(conn: &Connection) -> StoreResult<Vec<(String, StationPrinterRow)>> {
    row::all(
        conn,
        "SELECT station, host, port, paper_width_mm FROM station_printers ORDER BY station",
        [],
        |r| {
            Ok((
                r.get::<_, String>("station")?,
                (
                    r.get::<_, String>("host")?,
                    r.get::<_, u16>("port")?,
                    r.get::<_, u8>("paper_width_mm")?,
                ),
            ))
        },
    )
}

/// One station's printer, if it has one.
pub fn station_printer(conn: &Connection, station: &str) -> StoreResult<Option<StationPrinterRow>> {
    row::first(
        conn,
        "SELECT host, port, paper_width_mm FROM station_printers WHERE station = ?1",
        [station],
        |r| {
            Ok((
                r.get::<_, String>("host")?,
                r.get::<_, u16>("port")?,
                r.get::<_, u8>("paper_width_mm")?,
            ))
        },
    )
}

/// Sets (`Some`) or removes (`None`) a station's printer; removing it
/// drops the tickets still waiting for it.
pub fn set_station_printer(
    conn: &Connection,
    station: &str,
    printer: Option<&StationPrinterRow>,
) -> StoreResult<()> {
    match printer {
        Some((host, port, width)) => {
            conn.prepare_cached(
                "INSERT INTO station_printers (station, host, port, paper_width_mm)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(station) DO UPDATE SET host = excluded.host, port = excluded.port,
                     paper_width_mm = excluded.paper_width_mm",
            )?
            .execute(params![station, host, port, width])?;
        }
        None => {
            conn.prepare_cached("DELETE FROM station_printers WHERE station = ?1")?
                .execute([station])?;
            conn.prepare_cached("DELETE FROM station_print_jobs WHERE station = ?1")?
                .execute([station])?;
        }
    }
    Ok(())
}

/// The stations of `stations` that have a printer (one statement).
pub fn stations_with_printer(conn: &Connection, stations: &[&str]) -> StoreResult<Vec<String>> {
    if stations.is_empty() {
        return Ok(Vec::new());
    }
    row::all(
        conn,
        "SELECT station FROM station_printers WHERE station IN (SELECT value FROM json_each(?1))
         ORDER BY station",
        [row::id_list(stations)],
        |r| Ok(r.get::<_, String>("station")?),
    )
}

pub fn insert_station_job(
    conn: &Connection,
    id: Uuid,
    order_id: Uuid,
    station: &str,
    queued_at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.prepare_cached(
        "INSERT INTO station_print_jobs (id, order_id, station, queued_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        id.to_string(),
        order_id.to_string(),
        station,
        ts(queued_at)
    ])?;
    Ok(())
}

pub fn delete_station_job(conn: &Connection, id: Uuid) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM station_print_jobs WHERE id = ?1")?
        .execute(params![id.to_string()])?;
    Ok(())
}

/// A station ticket waiting: (job id, order id, station, queued at).
pub type StationJob = (Uuid, Uuid, String, DateTime<Utc>);

/// Every waiting station ticket, oldest first.
pub fn station_jobs(conn: &Connection) -> StoreResult<Vec<StationJob>> {
    row::all(
        conn,
        "SELECT id, order_id, station, queued_at FROM station_print_jobs ORDER BY queued_at, id",
        [],
        |r| {
            Ok((
                row::uuid(r, "id")?,
                row::uuid(r, "order_id")?,
                r.get::<_, String>("station")?,
                row::time(r, "queued_at")?,
            ))
        },
    )
}

/// The stations categories are routed to (distinct, not empty), by name.
pub fn routed_stations(conn: &Connection) -> StoreResult<Vec<String>> {
    row::all(
        conn,
        "SELECT DISTINCT station FROM categories WHERE station IS NOT NULL AND station <> ''
         ORDER BY station",
        [],
        |r| Ok(r.get::<_, String>("station")?),
    )
}
