//! The desktop app's state: the one `App` handle, the LAN server, live event
//! subscriptions and the updater. Built once in the Tauri `setup`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use crema::app::desktop::UpdateInfo;
use crema::app::{events, Actor, App};
use crema::config::Config;
use serde::Serialize;
use tokio::sync::broadcast::error::RecvError;
use tokio::task::AbortHandle;

use crate::error::CmdResult;
use crate::server::LanServer;

/// The Tauri event that carries live events to the web view.
pub const EVENT: &str = "crema://event";

/// One live event for one subscription: the SSE event's name and data, so
/// the web client parses both transports the same way.
#[derive(Debug, Clone, Serialize)]
pub struct EventPayload {
    pub subscription: String,
    pub name: String,
    pub data: String,
}

/// Sends an event to the web view (the Tauri app handle in the real app).
pub type Emit = Arc<dyn Fn(EventPayload) + Send + Sync>;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Update checks and installs (the updater plugin in the real app).
pub trait Updates: Send + Sync {
    fn check(&self) -> BoxFuture<CmdResult<UpdateInfo>>;
    fn install(&self) -> BoxFuture<CmdResult<()>>;
}

pub struct Desktop {
    pub app: App,
    pub config: Config,
    pub server: tokio::sync::Mutex<LanServer>,
    subscriptions: Mutex<HashMap<String, AbortHandle>>,
    emit: Emit,
    updates: Option<Arc<dyn Updates>>,
}

impl Desktop {
    pub fn new(app: App, emit: Emit, updates: Option<Arc<dyn Updates>>) -> Self {
        let config = app.config().clone();
        Desktop {
            server: tokio::sync::Mutex::new(LanServer::new(app.clone(), config.bind)),
            app,
            config,
            subscriptions: Mutex::new(HashMap::new()),
            emit,
            updates,
        }
    }

    /// Who holds `token` (no token: anonymous), checked exactly as the HTTP
    /// API checks a bearer token.
    pub async fn actor(&self, token: Option<&str>) -> CmdResult<Actor> {
        match token.map(str::trim) {
            None | Some("") => Ok(Actor::Anonymous),
            Some(t) => Ok(self.app.authenticate(t).await?),
        }
    }

    /// Starts forwarding the events `actor` may see; returns the
    /// subscription's id.
    pub async fn subscribe(&self, actor: &Actor) -> CmdResult<String> {
        let sub = events::subscribe(&self.app, actor).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let emit = self.emit.clone();
        let sid = id.clone();
        let mut rx = sub.receiver;
        let audience = sub.audience;
        let task = tokio::spawn(async move {
            loop {
                let payload = match rx.recv().await {
                    Ok(ev) if audience.allows(&ev) => EventPayload {
                        subscription: sid.clone(),
                        name: ev.name.to_string(),
                        data: ev.data.to_string(),
                    },
                    Ok(_) => continue,
                    Err(RecvError::Lagged(n)) => EventPayload {
                        subscription: sid.clone(),
                        name: "resync".into(),
                        data: format!("{{\"missed\":{n}}}"),
                    },
                    Err(RecvError::Closed) => break,
                };
                emit(payload);
            }
        });
        self.lock_subs().insert(id.clone(), task.abort_handle());
        Ok(id)
    }

    pub fn unsubscribe(&self, id: &str) {
        if let Some(h) = self.lock_subs().remove(id) {
            h.abort();
        }
    }

    /// Ends every feed: the page (re)loaded, so nobody listens to them any more.
    pub fn unsubscribe_all(&self) {
        for (_, h) in self.lock_subs().drain() {
            h.abort();
        }
    }

    pub fn subscription_count(&self) -> usize {
        self.lock_subs().len()
    }

    fn lock_subs(&self) -> std::sync::MutexGuard<'_, HashMap<String, AbortHandle>> {
        self.subscriptions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn updates(&self) -> Option<Arc<dyn Updates>> {
        self.updates.clone()
    }

    pub fn updates_off(&self) -> UpdateInfo {
        UpdateInfo {
            enabled: false,
            current_version: env!("CARGO_PKG_VERSION").to_string(),
            available: false,
            version: None,
            notes: None,
        }
    }

    /// Ends subscriptions and the LAN server, then closes the store.
    pub async fn shutdown(&self) {
        self.unsubscribe_all();
        self.server.lock().await.stop().await;
        self.app.shutdown();
    }
}
