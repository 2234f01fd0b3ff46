//! When an order should be ready: each kitchen station works through its
//! queue one order at a time, an order taking as long as its longest item
//! there, scaled by the kitchen's measured pace over the last hour.
//!
//! The rule, as the README states it:
//! - an order's work at a station is the longest preparation time among its
//!   lines still to make there (lines without a station share one lane);
//! - a station starts an order once it has finished the orders placed
//!   before it (an order in progress started when the kitchen took it);
//! - the order is ready when its last station has finished it;
//! - every preparation time is multiplied by the pace: how long the kitchen
//!   actually took per minute of preparation time, over the orders it made
//!   ready in the last hour (at least [`MIN_SAMPLES`]; 1 without them,
//!   between 0.25 and 4). Two baristas finishing orders twice as fast as
//!   the menu says make the pace 0.5, and the queue's wait half as long.
//!
//! Times are rounded up to the minute, so that a refinement changes what a
//! customer sees only when it moves by a minute.

use std::collections::HashMap;

use chrono::{DateTime, Duration, DurationRound, Utc};
use uuid::Uuid;

/// Orders made ready in the last hour that the pace needs before it
/// departs from the menu's times.
pub const MIN_SAMPLES: usize = 3;
/// Bounds of the pace, in thousandths.
pub const PACE_MIN: u32 = 250;
pub const PACE_MAX: u32 = 4000;

/// How long the kitchen takes per minute of preparation time, in
/// thousandths (1000: as the menu says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace(u32);

impl Pace {
    pub const NOMINAL: Pace = Pace(1000);

    /// A pace in thousandths, clamped to its bounds.
    pub fn permille(p: u32) -> Pace {
        Pace(p.clamp(PACE_MIN, PACE_MAX))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    fn scale(self, minutes: u32) -> Duration {
        Duration::milliseconds(i64::from(minutes) * 60 * i64::from(self.0))
    }
}

/// An order the kitchen made ready: when it came in, when it was ready,
/// and its longest preparation time (minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadySample {
    pub created_at: DateTime<Utc>,
    pub ready_at: DateTime<Utc>,
    pub prep_minutes: u32,
}

/// The kitchen's pace from the orders it made ready lately. Each order's
/// time is counted from when the kitchen could take it: when it came in,
/// or when the kitchen had finished the one before (so a queue's waiting
/// is not counted twice, and staff working side by side show as a faster
/// pace).
pub fn pace(samples: &[ReadySample]) -> Pace {
    let mut s: Vec<&ReadySample> = samples.iter().filter(|s| s.prep_minutes > 0).collect();
    if s.len() < MIN_SAMPLES {
        return Pace::NOMINAL;
    }
    s.sort_by_key(|s| s.ready_at);
    let mut took_ms: i64 = 0;
    let mut nominal_ms: i64 = 0;
    let mut free_at: Option<DateTime<Utc>> = None;
    for x in s {
        let from = free_at.map_or(x.created_at, |f| f.max(x.created_at));
        took_ms += (x.ready_at - from).num_milliseconds().max(0);
        nominal_ms += i64::from(x.prep_minutes) * 60_000;
        free_at = Some(x.ready_at);
    }
    let permille = (took_ms.saturating_mul(1000) / nominal_ms.max(1)).clamp(0, i64::from(PACE_MAX));
    Pace::permille(permille as u32)
}

/// One line still to make: its station (`None`: the shared lane) and its
/// preparation time in minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub station: Option<String>,
    pub prep_minutes: u32,
}

/// An open order in the kitchen's queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    /// When the kitchen took it (in progress), if it has.
    pub started_at: Option<DateTime<Utc>>,
    /// Its lines still to make (bumped lines are left out).
    pub lines: Vec<Work>,
}

/// Where each station's lane stands: when it is free again.
pub type Lanes = HashMap<Option<String>, DateTime<Utc>>;

/// The ready time of each order of `queue` (oldest first), seen at `now`,
/// and the lanes as they stand after the whole queue. Lanes given in
/// `lanes` (e.g. orders before the queue) are waited for.
pub fn estimate(
    queue: &[Queued],
    pace: Pace,
    now: DateTime<Utc>,
    mut lanes: Lanes,
) -> (Vec<(Uuid, DateTime<Utc>)>, Lanes) {
    let mut out = Vec::with_capacity(queue.len());
    for order in queue {
        let mut ready = now.max(order.created_at);
        let mut longest: HashMap<&Option<String>, u32> = HashMap::new();
        for w in &order.lines {
            let m = longest.entry(&w.station).or_default();
            *m = (*m).max(w.prep_minutes);
        }
        for (station, minutes) in longest {
            let work = pace.scale(minutes);
            let free = lanes.get(station).copied().unwrap_or(now).max(now);
            let finish = match order.started_at {
                // Taken already: it is being made, whatever is queued.
                Some(started) => (started + work).max(now),
                None => free.max(order.created_at) + work,
            };
            lanes.insert(station.clone(), finish.max(free));
            ready = ready.max(finish);
        }
        out.push((order.id, round_up(ready)));
    }
    (out, lanes)
}

/// The ready time of one new order placed behind `lanes`.
pub fn estimate_new(
    order: &Queued,
    pace: Pace,
    now: DateTime<Utc>,
    lanes: Lanes,
) -> (DateTime<Utc>, Lanes) {
    let (mut times, lanes) = estimate(std::slice::from_ref(order), pace, now, lanes);
    (times.pop().map_or(now, |(_, t)| t), lanes)
}

/// `t` rounded up to the whole minute.
pub fn round_up(t: DateTime<Utc>) -> DateTime<Utc> {
    let down = t.duration_trunc(Duration::minutes(1)).unwrap_or(t);
    if down == t {
        t
    } else {
        down + Duration::minutes(1)
    }
}

#[cfg(test)]
mod tests;
