//! Owners' live stream (`GET /api/hq/stream`): `shop.synced` when a shop's
//! batch brought new events, `menu.published`, `menu.applied`. With Redis,
//! every replica publishes to one channel and relays what it hears, so an
//! owner connected to replica B sees what a shop pushed to replica A;
//! without it, events stay in their process. When Redis does not answer,
//! the event is delivered locally (the screens also refresh on their own).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::{Stream, StreamExt};
use redis::aio::ConnectionManager;
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc, watch};
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

use super::error::ErrorBody;
use super::extract::OwnerAuth;
use super::HqState;

/// One event: its name and its JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LiveEvent {
    pub event: String,
    pub data: serde_json::Value,
}

#[derive(Clone)]
pub struct Live {
    tx: broadcast::Sender<Arc<LiveEvent>>,
    /// With Redis: events to publish there, in order, by one task.
    outgoing: Option<mpsc::UnboundedSender<LiveEvent>>,
    stop: watch::Receiver<bool>,
}

impl Live {
    /// A hub for this process; with `redis` (URL, key prefix), shared with
    /// every replica on that Redis. Streams end once `stop` turns true.
    pub async fn new(
        redis: Option<(&str, &str)>,
        stop: watch::Receiver<bool>,
    ) -> Result<Live, redis::RedisError> {
        let (tx, _) = broadcast::channel(256);
        let outgoing = match redis {
            None => None,
            Some((url, prefix)) => {
                let client = redis::Client::open(url)?;
                let channel = format!("{prefix}:live");
                let config = redis::aio::ConnectionManagerConfig::new()
                    .set_connection_timeout(Duration::from_secs(2))
                    .set_response_timeout(Duration::from_secs(1));
                let conn = ConnectionManager::new_with_config(client.clone(), config).await?;
                tokio::spawn(relay(client, channel.clone(), tx.clone(), stop.clone()));
                let (out, rx) = mpsc::unbounded_channel();
                tokio::spawn(share(conn, channel, rx, tx.clone()));
                Some(out)
            }
        };
        Ok(Live { tx, outgoing, stop })
    }

    /// Tells every owner's stream (on every replica, with Redis).
    pub fn publish(&self, event: &str, data: serde_json::Value) {
        let ev = LiveEvent {
            event: event.to_string(),
            data,
        };
        match &self.outgoing {
            None => {
                let _ = self.tx.send(Arc::new(ev));
            }
            Some(out) => {
                if let Err(mpsc::error::SendError(ev)) = out.send(ev) {
                    let _ = self.tx.send(Arc::new(ev));
                }
            }
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.tx.subscribe()
    }
}

/// Publishes this process's events to Redis one after the other (so they
/// arrive in the order they happened); one Redis did not take is delivered
/// here only.
async fn share(
    mut conn: ConnectionManager,
    channel: String,
    mut rx: mpsc::UnboundedReceiver<LiveEvent>,
    tx: broadcast::Sender<Arc<LiveEvent>>,
) {
    while let Some(ev) = rx.recv().await {
        let payload = serde_json::to_string(&ev).unwrap_or_default();
        let sent: redis::RedisResult<i64> = redis::cmd("PUBLISH")
            .arg(&channel)
            .arg(payload)
            .query_async(&mut conn)
            .await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "live event not shared through Redis");
            let _ = tx.send(Arc::new(ev));
        }
    }
}

/// Relays the Redis channel into this process, reconnecting until `stop`.
async fn relay(
    client: redis::Client,
    channel: String,
    tx: broadcast::Sender<Arc<LiveEvent>>,
    mut stop: watch::Receiver<bool>,
) {
    while !*stop.borrow() {
        let heard = async {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            let mut messages = pubsub.on_message();
            while let Some(msg) = messages.next().await {
                let payload: String = msg.get_payload()?;
                match serde_json::from_str::<LiveEvent>(&payload) {
                    Ok(ev) => {
                        let _ = tx.send(Arc::new(ev));
                    }
                    Err(e) => tracing::warn!(error = %e, "a live event from Redis is not valid"),
                }
            }
            Ok::<(), redis::RedisError>(())
        };
        tokio::select! {
            r = heard => {
                if let Err(e) = r {
                    tracing::warn!(error = %e, "live events: Redis subscription lost");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            _ = async { let _ = stop.wait_for(|s| *s).await; } => return,
        }
    }
}

/// Live events for owners: `shop.synced` (`{"shop_id","events","at"}`, a
/// shop's batch brought new events), `menu.published` (`{"version",
/// "published_at"}`), `menu.applied` (`{"shop_id","version"}`); `resync`
/// when the client fell behind. Through a proxy, turn buffering off.
#[utoipa::path(get, path = "/api/hq/stream", tag = "owners", security(("bearer" = [])),
    responses((status = 200, content_type = "text/event-stream", description = "Server-Sent Events"),
              (status = 401, body = ErrorBody)))]
pub async fn stream(
    State(s): State<HqState>,
    _o: OwnerAuth,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let mut stop = s.live.stop.clone();
    let events = BroadcastStream::new(s.live.subscribe())
        .map(|r| {
            Ok(match r {
                Ok(ev) => SseEvent::default()
                    .event(ev.event.clone())
                    .data(ev.data.to_string()),
                Err(BroadcastStreamRecvError::Lagged(n)) => SseEvent::default()
                    .event("resync")
                    .data(format!("{{\"missed\":{n}}}")),
            })
        })
        .take_until(async move {
            let _ = stop.wait_for(|s| *s).await;
        });
    // A first comment, so a client (and a proxy) sees the stream open.
    let hello = futures_util::stream::once(async { Ok(SseEvent::default().comment("live")) });
    Sse::new(hello.chain(events)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
