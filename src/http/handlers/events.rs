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

/// Live events for staff screens: `order.created`, `order.updated`,
/// `menu.updated`, each `data:` the JSON of the object. A client that falls
/// behind gets a `resync` event and should reload its lists.
#[utoipa::path(get, path = "/api/events", tag = "orders", security(("bearer" = [])),
    responses((status = 200, content_type = "text/event-stream", description = "Server-Sent Events"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn events(
    State(state): State<HttpState>,
    Auth(actor): Auth,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let rx = events::subscribe(&state.app, &actor)?;
    let mut shutdown = state.shutdown.clone();
    let stream = BroadcastStream::new(rx)
        .map(|r| {
            Ok(match r {
                Ok(ev) => SseEvent::default().event(ev.name).data(&*ev.data),
                Err(BroadcastStreamRecvError::Lagged(n)) => SseEvent::default()
                    .event("resync")
                    .data(format!("{{\"missed\":{n}}}")),
            })
        })
        .take_until(async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
