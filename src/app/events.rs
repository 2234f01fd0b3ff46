//! The event bus: committed changes fanned out to live clients (SSE, Tauri).

use std::sync::Arc;

use serde::Serialize;
use tokio::sync::broadcast;
use uuid::Uuid;

use super::{Actor, App, AppResult};
use crate::domain::order::Order;
use crate::domain::user::Role;

/// A committed change. `data` is the JSON of the object, serialised once
/// and shared by every subscriber.
#[derive(Debug, Clone)]
pub struct Event {
    /// `order.created`, `order.updated`, `menu.updated`, `settings.updated`,
    /// `printer.status`, `shift.closed`, `feedback.public` (everyone) or
    /// (admins only) `security.alert`, `feedback.created`,
    /// `feedback.moderated`, `notification.created`.
    pub name: &'static str,
    pub data: Arc<str>,
    /// For order events: who placed the order and for which customer, so a
    /// kiosk or a customer sees only its own orders.
    pub placed_by: Option<Uuid>,
    pub customer_id: Option<Uuid>,
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

    fn send<T: Serialize>(
        &self,
        name: &'static str,
        object: &T,
        placed_by: Option<Uuid>,
        customer_id: Option<Uuid>,
    ) {
        if self.tx.receiver_count() == 0 {
            return;
        }
        match serde_json::to_string(object) {
            Ok(json) => {
                // No subscriber is not an error.
                let _ = self.tx.send(Event {
                    name,
                    data: Arc::from(json),
                    placed_by,
                    customer_id,
                });
            }
            Err(e) => tracing::error!(error = %e, event = name, "could not serialise event"),
        }
    }

    pub fn publish<T: Serialize>(&self, name: &'static str, object: &T) {
        self.send(name, object, None, None);
    }

    pub fn publish_order(&self, name: &'static str, order: &Order, placed_by: Option<Uuid>) {
        self.send(name, order, placed_by, order.customer_id);
    }

    /// An event about one order that is not the order itself (e.g. its
    /// ready time), seen by those who may see the order.
    pub fn publish_scoped<T: Serialize>(
        &self,
        name: &'static str,
        object: &T,
        placed_by: Option<Uuid>,
        customer_id: Option<Uuid>,
    ) {
        self.send(name, object, placed_by, customer_id);
    }
}

/// What a subscriber may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Admins see everything.
    Admin,
    /// Other staff see everything but security alerts.
    Staff,
    /// A kiosk: the menu, and orders it placed.
    Device(Uuid),
    /// A customer: the menu, and their own orders.
    Customer(Option<Uuid>),
}

impl Audience {
    pub fn allows(&self, e: &Event) -> bool {
        if e.name == "menu.updated" || e.name == "feedback.public" {
            return true;
        }
        // A device locked out for wrong PINs, the inbox, feedback waiting
        // for moderation (names, comments not yet approved): for admins.
        if ["security.", "notification.", "feedback."]
            .iter()
            .any(|p| e.name.starts_with(p))
        {
            return *self == Audience::Admin;
        }
        // The printer and its queue are for the staff at the counter.
        if e.name.starts_with("printer.") {
            return matches!(self, Audience::Admin | Audience::Staff);
        }
        match self {
            Audience::Admin | Audience::Staff => true,
            Audience::Device(id) => e.placed_by == Some(*id),
            Audience::Customer(Some(id)) => e.customer_id == Some(*id),
            Audience::Customer(None) => false,
        }
    }
}

/// A live feed and the filter for it.
pub struct Subscription {
    pub receiver: broadcast::Receiver<Event>,
    pub audience: Audience,
}

/// Opens a live feed: staff see every event; a kiosk or customer sees menu
/// changes and its own orders.
pub async fn subscribe(app: &App, actor: &Actor) -> AppResult<Subscription> {
    if let Actor::Guest(g) = actor {
        // A guest follows the menu and the orders of its own session.
        return Ok(Subscription {
            receiver: app.inner.events.subscribe(),
            audience: Audience::Device(g.session_id),
        });
    }
    let role = actor.require(Role::ALL.as_slice(), "follow live events")?;
    let audience = match (role, actor.user_id()) {
        (Role::Admin, _) => Audience::Admin,
        (Role::Cashier | Role::Kitchen, _) => Audience::Staff,
        (Role::Kiosk, Some(id)) => Audience::Device(id),
        (Role::Customer, Some(uid)) => Audience::Customer(
            app.store()
                .read(move |c| crate::store::customers::id_for_user(c, uid))
                .await?,
        ),
        _ => Audience::Staff,
    };
    Ok(Subscription {
        receiver: app.inner.events.subscribe(),
        audience,
    })
}

impl EventBus {
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.tx.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &'static str) -> Event {
        Event {
            name,
            data: Arc::from("{}"),
            placed_by: None,
            customer_id: None,
        }
    }

    #[test]
    fn the_printer_status_is_for_staff_only() {
        let e = event("printer.status");
        assert!(Audience::Staff.allows(&e));
        assert!(!Audience::Device(Uuid::nil()).allows(&e));
        assert!(!Audience::Customer(Some(Uuid::nil())).allows(&e));
        assert!(!Audience::Customer(None).allows(&e));
        assert!(Audience::Device(Uuid::nil()).allows(&event("menu.updated")));
    }

    #[test]
    fn security_alerts_are_for_admins_only() {
        let e = event("security.alert");
        assert!(Audience::Admin.allows(&e));
        assert!(!Audience::Staff.allows(&e));
        assert!(!Audience::Device(Uuid::nil()).allows(&e));
        assert!(!Audience::Customer(None).allows(&e));
        assert!(Audience::Admin.allows(&event("printer.status")));
        assert!(Audience::Admin.allows(&event("order.created")));
    }

    #[test]
    fn the_inbox_and_feedback_under_moderation_are_for_admins_only() {
        for name in [
            "notification.created",
            "feedback.created",
            "feedback.moderated",
        ] {
            let e = event(name);
            assert!(Audience::Admin.allows(&e), "{name}");
            assert!(!Audience::Staff.allows(&e), "{name}");
            assert!(!Audience::Device(Uuid::nil()).allows(&e), "{name}");
            assert!(!Audience::Customer(Some(Uuid::nil())).allows(&e), "{name}");
        }
        let public = event("feedback.public");
        assert!(Audience::Device(Uuid::nil()).allows(&public));
        assert!(Audience::Customer(None).allows(&public));
        assert!(Audience::Staff.allows(&public));
    }
}
