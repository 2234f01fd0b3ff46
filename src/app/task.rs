//! A background task of the app (scheduled backups, the head-office
//! pusher): started once while Crema runs, stopped at shutdown.

use std::future::Future;
use std::sync::Mutex;

use tokio::task::AbortHandle;

#[derive(Default)]
pub(crate) struct TaskSlot {
    task: Mutex<Option<AbortHandle>>,
}

impl TaskSlot {
    /// Spawns `work` on the current runtime unless this slot's task runs
    /// already; false (nothing started) without a runtime or when running.
    pub(crate) fn start<F>(&self, work: impl FnOnce() -> F) -> bool
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let Ok(mut slot) = self.task.lock() else {
            return false;
        };
        if slot.is_some() {
            return false;
        }
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return false;
        };
        *slot = Some(rt.spawn(work()).abort_handle());
        true
    }

    pub(crate) fn stop(&self) {
        if let Some(task) = self.task.lock().ok().and_then(|mut t| t.take()) {
            task.abort();
        }
    }
}
