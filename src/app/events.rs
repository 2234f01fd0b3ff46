//! The event bus: committed changes fanned out to live clients (SSE, Tauri).

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::broadcast;

/// A committed change. `data` is the JSON of the object, serialised once
/// and shared by every subscriber.
#[derive(Debug, Clone)]
pub struct Event {
    /// `order.created`, `order.updated` or `menu.updated`.
    pub name: &'static str,
    pub data: Arc<str>,
}

pub struct EventBus {
    tx: broadcast::Sender<Event>,
}

impl EventBus {
    pub fn new(capacity: usize) -> Self {
        EventBus {
            tx: broadcast::channel(capacity).0,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }

    pub fn publish<T: Serialize>(&self, name: &'static str, object: &T) {
        if self.tx.receiver_count() == 0 {
            return;
        }
        match serde_json::to_string(object) {
            Ok(json) => {
                // No subscriber is not an error.
                let _ = self.tx.send(Event {
                    name,
                    data: Arc::from(json),
                });
            }
            Err(e) => tracing::error!(error = %e, event = name, "could not serialise event"),
        }
    }
}

/// Opens a live feed for a staff screen.
pub fn subscribe(
    app: &super::App,
    actor: &super::Actor,
) -> super::AppResult<broadcast::Receiver<Event>> {
    use crate::domain::user::Role;
    actor.require(
        &[Role::Admin, Role::Cashier, Role::Kitchen],
        "follow live order events",
    )?;
    Ok(app.inner.events.subscribe())
}
