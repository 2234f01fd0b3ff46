//! Live event streams held per account or device: each stream takes a slot
//! that its drop gives back, so a client that goes away frees it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use uuid::Uuid;

use crate::app::{AppError, ErrorCode};

/// How long a client turned away should wait before it tries again: about
/// as long as the server takes to notice a stream's client is gone.
const RETRY_AFTER_SECONDS: u64 = 15;

pub struct StreamSlots {
    max: u32,
    held: Mutex<HashMap<Uuid, u32>>,
}

/// One open stream of `user`; dropping it frees the slot.
pub struct StreamSlot {
    slots: Arc<StreamSlots>,
    user: Uuid,
}

impl StreamSlots {
    pub fn new(max: u32) -> Arc<Self> {
        Arc::new(StreamSlots {
            max: max.max(1),
            held: Mutex::new(HashMap::new()),
        })
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, u32>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A slot for one more stream of `user`, or 429 `too_many_streams`.
    pub fn take(self: &Arc<Self>, user: Uuid) -> Result<StreamSlot, AppError> {
        let mut held = self.held();
        let n = held.entry(user).or_insert(0);
        if *n >= self.max {
            return Err(AppError::too_many(
                ErrorCode::TooManyStreams,
                format!(
                    "this account already has {} live event streams open; close one first",
                    self.max
                ),
                RETRY_AFTER_SECONDS,
            )
            .with_params(serde_json::json!({ "max": self.max })));
        }
        *n += 1;
        Ok(StreamSlot {
            slots: self.clone(),
            user,
        })
    }

    /// Streams `user` holds now.
    pub fn count(&self, user: Uuid) -> u32 {
        self.held().get(&user).copied().unwrap_or(0)
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut held = self.slots.held();
        if let Some(n) = held.get_mut(&self.user) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                held.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_counted_per_user_and_freed_on_drop() {
        let slots = StreamSlots::new(2);
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let a1 = slots.take(a).unwrap();
        let _a2 = slots.take(a).unwrap();
        let e = slots.take(a).err().expect("a third stream is refused");
        assert_eq!(e.code, ErrorCode::TooManyStreams);
        assert!(e.retry_after.is_some());
        let _b1 = slots.take(b).unwrap();
        drop(a1);
        assert_eq!(slots.count(a), 1);
        let _a3 = slots.take(a).unwrap();
        drop(_a3);
        drop(_a2);
        assert!(
            !slots.held().contains_key(&a),
            "no entry is kept for idle users"
        );
    }
}
