//! The one cached menu snapshot: a read is a lock-free-in-practice read
//! lock and an `Arc` clone (moka's `Cache` did a hash, a frequency sketch
//! and a queued read record for the one entry, on every `GET /api/menu`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use super::MenuSnapshot;

#[derive(Default)]
pub struct MenuCache {
    slot: RwLock<Option<Arc<MenuSnapshot>>>,
    /// Bumped by every invalidation, so a snapshot built from the store
    /// before a change is not put back after it.
    generation: AtomicU64,
}

impl MenuCache {
    pub fn get(&self) -> Option<Arc<MenuSnapshot>> {
        self.slot.read().ok()?.clone()
    }

    /// The generation to hand back to [`MenuCache::put`] with a snapshot
    /// read from the store after this call.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Keeps `snapshot` unless the menu changed since `generation`.
    pub fn put(&self, generation: u64, snapshot: Arc<MenuSnapshot>) {
        if let Ok(mut slot) = self.slot.write() {
            if self.generation.load(Ordering::Acquire) == generation {
                *slot = Some(snapshot);
            }
        }
    }

    pub fn invalidate(&self) {
        let mut slot = self.slot.write().unwrap_or_else(|p| p.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        *slot = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::menu::MenuView;
    use crate::domain::Currency;

    fn snapshot(etag: &str) -> Arc<MenuSnapshot> {
        Arc::new(MenuSnapshot {
            view: MenuView {
                currency: Currency::EUR,
                categories: Vec::new(),
            },
            json: bytes::Bytes::from_static(b"{}"),
            etag: etag.into(),
            etag_bytes: bytes::Bytes::copy_from_slice(etag.as_bytes()),
        })
    }

    #[test]
    fn a_snapshot_read_before_a_change_is_not_kept_after_it() {
        let cache = MenuCache::default();
        assert!(cache.get().is_none());
        let before = cache.generation();
        cache.invalidate(); // the menu changed while the old one was read
        cache.put(before, snapshot("\"old\""));
        assert!(cache.get().is_none());
        let now = cache.generation();
        cache.put(now, snapshot("\"new\""));
        assert_eq!(
            cache.get().map(|s| s.etag.clone()).as_deref(),
            Some("\"new\"")
        );
        cache.invalidate();
        assert!(cache.get().is_none());
    }
}
