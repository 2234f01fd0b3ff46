//! The timer hyper uses for the header-read timeout, one per connection.
//!
//! hyper arms that timeout each time it starts reading a request head and
//! drops it once the head is in: with tokio's timer, every request of a
//! keep-alive connection registered a timer entry in the runtime's wheel
//! and removed it again (about 700 instructions of the ~21 k a cached menu
//! read cost, callgrind). Here each connection keeps one tokio `Sleep`. A
//! new deadline only moves a number; the `Sleep` stays armed at the older,
//! earlier deadline, and when it fires at that one it is moved on to the
//! deadline then current. A head that is not in by its deadline still
//! times out, at that deadline.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;

use hyper::rt::{Sleep, Timer};

/// A connection's timer for hyper (`http1::Builder::timer`).
#[derive(Clone)]
pub struct ConnTimer {
    sleep: Arc<Mutex<Pin<Box<tokio::time::Sleep>>>>,
}

impl ConnTimer {
    /// A timer whose first wake-up is at `first` (the connection's first
    /// head deadline, or later: it only has to be no earlier than now).
    pub fn new(first: Instant) -> Self {
        ConnTimer {
            sleep: Arc::new(Mutex::new(Box::pin(tokio::time::sleep_until(first.into())))),
        }
    }
}

impl Timer for ConnTimer {
    fn sleep(&self, duration: std::time::Duration) -> Pin<Box<dyn Sleep>> {
        self.sleep_until(Instant::now() + duration)
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn Sleep>> {
        Box::pin(Deadline {
            at: deadline,
            sleep: self.sleep.clone(),
        })
    }
}

/// One deadline on the connection's `Sleep`.
struct Deadline {
    at: Instant,
    sleep: Arc<Mutex<Pin<Box<tokio::time::Sleep>>>>,
}

impl Sleep for Deadline {}

impl Future for Deadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let at = tokio::time::Instant::from_std(self.at);
        let mut sleep = self.sleep.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            // Armed later than this deadline (an earlier head's was later
            // still, or the clock moved): come back at this one.
            if sleep.deadline() > at {
                sleep.as_mut().reset(at);
            }
            match sleep.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(()) if sleep.deadline() >= at => return Poll::Ready(()),
                // It fired at an earlier deadline: move it on to this one.
                Poll::Ready(()) => sleep.as_mut().reset(at),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(flavor = "current_thread")]
    async fn a_deadline_fires_at_itself_whatever_the_connection_was_armed_at() {
        let start = Instant::now();
        let timer = ConnTimer::new(start + Duration::from_millis(20));
        // A later deadline: the sleep fires at 20 ms and moves on to 60.
        timer.sleep_until(start + Duration::from_millis(60)).await;
        assert!(start.elapsed() >= Duration::from_millis(60));
        // An earlier one than armed: the sleep is brought forward.
        let timer = ConnTimer::new(Instant::now() + Duration::from_secs(3600));
        let t = Instant::now();
        timer.sleep(Duration::from_millis(10)).await;
        assert!(t.elapsed() >= Duration::from_millis(10));
    }
}
