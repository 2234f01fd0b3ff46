//! Lockouts after wrong secrets: PINs per device, refund approvals per
//! cashier. After `pin_max_failures` wrong ones a source is locked for
//! `pin_lockout_seconds`, each further lockout twice as long (at most a
//! day); only a quiet day forgets the count, never a success.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::keys::PinFailures;
use crate::app::{App, AppError, AppResult};

/// The longest lockout.
const MAX_LOCKOUT: Duration = Duration::from_secs(24 * 3600);

/// `Err(locked(seconds left))` while `key` is locked out.
pub(crate) fn check_lockout(
    app: &App,
    key: &str,
    locked: impl FnOnce(u64) -> AppError,
) -> AppResult<()> {
    let Some(entry) = app.inner.auth.pin_failures.get(key) else {
        return Ok(());
    };
    let until: Option<Instant> = entry.lock().ok().and_then(|f| f.locked_until);
    match until {
        Some(until) if until > Instant::now() => {
            Err(locked((until - Instant::now()).as_secs_f64().ceil() as u64))
        }
        _ => Ok(()),
    }
}

/// Counts a wrong secret from `key`. Returns the length of the lockout it
/// started, if this failure tripped the limit.
pub(crate) fn note_failure(app: &App, key: &str) -> Option<Duration> {
    let entry = app.inner.auth.pin_failures.get_with(key.to_string(), || {
        Arc::new(Mutex::new(PinFailures::default()))
    });
    let base = Duration::from_secs(u64::from(app.config().pin_lockout_seconds));
    let max = app.config().pin_max_failures.max(1);
    let mut f = entry.lock().ok()?;
    f.count += 1;
    if f.count < max {
        return None;
    }
    let lockout = lockout_after(base, f.lockouts);
    f.count = 0;
    f.lockouts += 1;
    f.locked_until = Some(Instant::now() + lockout);
    Some(lockout)
}

/// The `n`-th lockout (from 0) lasts `base × 2ⁿ`, at most a day.
fn lockout_after(base: Duration, n: u32) -> Duration {
    base.saturating_mul(1u32.checked_shl(n.min(31)).unwrap_or(u32::MAX))
        .min(MAX_LOCKOUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_double_up_to_a_day() {
        let base = Duration::from_secs(300);
        assert_eq!(lockout_after(base, 0), base);
        assert_eq!(lockout_after(base, 1), Duration::from_secs(600));
        assert_eq!(lockout_after(base, 3), Duration::from_secs(2400));
        assert_eq!(lockout_after(base, 12), MAX_LOCKOUT);
        assert_eq!(lockout_after(base, 40), MAX_LOCKOUT);
    }
}
