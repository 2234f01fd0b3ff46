//! A shop's push: a gzip'd or plain JSON `wire::Batch`, checked, then
//! stored exactly once in one transaction. The answer lists every event of
//! the batch that head office now holds (new or already there), so the shop
//! marks exactly those sent.

use std::io::Read;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Hq, HqCode, HqError, HqResult};
use crate::sync::wire::{Batch, WIRE_VERSION};

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Acknowledged {
    /// The ids of the batch's events head office holds, in batch order.
    pub acknowledged: Vec<Uuid>,
}

/// How the body of a push is encoded (`Content-Encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
}

fn too_large(what: &str) -> HqError {
    HqError::new(
        HqCode::PayloadTooLarge,
        format!("the batch is too large: {what}; send smaller batches"),
    )
}

/// The body, decompressed, within `limit` bytes.
fn decode(body: &[u8], encoding: Encoding, limit: usize) -> HqResult<Vec<u8>> {
    match encoding {
        Encoding::Identity if body.len() > limit => Err(too_large("over the size limit")),
        Encoding::Identity => Ok(body.to_vec()),
        Encoding::Gzip => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(body)
                .take(limit as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|_| HqError::invalid("the body is not valid gzip"))?;
            if out.len() > limit {
                return Err(too_large("over the size limit once decompressed"));
            }
            Ok(out)
        }
    }
}

/// Only the version, read first: a batch of an unknown version is refused
/// as such, not as malformed events.
#[derive(Deserialize)]
struct Head {
    version: u32,
}

/// Parses and checks a push's body.
pub fn parse(hq: &Hq, body: &[u8], encoding: Encoding) -> HqResult<Batch> {
    let json = decode(body, encoding, hq.config().batch_limit_bytes)?;
    let head: Head = serde_json::from_slice(&json)
        .map_err(|e| HqError::invalid(format!("the batch is not valid: {e}")))?;
    if head.version != WIRE_VERSION {
        return Err(HqError::new(
            HqCode::UnsupportedVersion,
            format!(
                "head office reads batches of version {WIRE_VERSION}, not {}; update head office",
                head.version
            ),
        ));
    }
    let batch: Batch = serde_json::from_slice(&json)
        .map_err(|e| HqError::invalid(format!("the batch is not valid: {e}")))?;
    let max = hq.config().batch_max_events;
    if batch.events.len() > max {
        return Err(too_large(&format!("more than {max} events")));
    }
    Ok(batch)
}

/// What a batch did: the answer for the shop, and how many of its events
/// were new.
pub struct Ingested {
    pub acknowledged: Acknowledged,
    pub new: usize,
}

/// Stores the batch's events for `shop`, each once.
pub async fn ingest(hq: &Hq, shop: Uuid, batch: &Batch) -> HqResult<Ingested> {
    let new = hq.db().ingest(shop, &batch.events, hq.now_micros()).await?;
    tracing::debug!(%shop, events = batch.events.len(), new, "batch ingested");
    Ok(Ingested {
        acknowledged: Acknowledged {
            acknowledged: batch.events.iter().map(|e| e.id).collect(),
        },
        new,
    })
}
