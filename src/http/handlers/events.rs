use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::{Stream, StreamExt};
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

use crate::app::{events, AppError};
use crate::http::error::ErrorBody;
use crate::http::extract::Auth;
use crate::http::HttpState;

/// Live events: `order.created`, `order.updated`, `menu.updated`, each
/// `data:` the JSON of the object. Staff see every order; a kiosk or a
/// customer sees menu changes and its own orders. Staff also get
/// `printer.status` (a `PrinterStatus`) whenever the print queue changes. A client that falls
/// behind gets a `resync` event and should reload what it shows. One account
/// or device may hold `max_event_streams_per_user` streams (default 8) at
/// once; one more is answered 429 `too_many_streams`.
#[utoipa::path(get, path = "/api/events", tag = "orders", security(("bearer" = [])),
    responses((status = 200, content_type = "text/event-stream", description = "Server-Sent Events"),
              (status = 401, body = ErrorBody),
              (status = 429, description = "too_many_streams", body = ErrorBody)))]
pub async fn events(
    State(state): State<HttpState>,
    Auth(actor): Auth,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let sub = events::subscribe(&state.app, &actor).await?;
    // Every stream is some account's or device's (subscribe refuses the
    // anonymous); the slot lives as long as the stream.
    let holder = match &actor {
        crate::app::Actor::Guest(g) => Some(g.session_id),
        _ => actor.user_id(),
    };
    let slot = match holder {
        Some(user) => Some(state.streams.take(user)?),
        None => None,
    };
    let audience = sub.audience;
    let mut shutdown = state.shutdown.clone();
    let stream = BroadcastStream::new(sub.receiver)
        .filter_map(move |r| {
            let _held = &slot;
            let out = match r {
                Ok(ev) if audience.allows(&ev) => {
                    Some(Ok(SseEvent::default().event(ev.name).data(&*ev.data)))
                }
                Ok(_) => None,
                Err(BroadcastStreamRecvError::Lagged(n)) => Some(Ok(SseEvent::default()
                    .event("resync")
                    .data(format!("{{\"missed\":{n}}}")))),
            };
            std::future::ready(out)
        })
        .take_until(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
