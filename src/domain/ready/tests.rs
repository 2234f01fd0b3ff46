use chrono::TimeZone;
use proptest::prelude::*;

use super::*;

fn at(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap() + Duration::minutes(min)
}

fn order(n: u128, created: i64, lines: &[(Option<&str>, u32)]) -> Queued {
    Queued {
        id: Uuid::from_u128(n),
        created_at: at(created),
        started_at: None,
        lines: lines
            .iter()
            .map(|(s, m)| Work {
                station: s.map(str::to_string),
                prep_minutes: *m,
            })
            .collect(),
    }
}

#[test]
fn an_order_takes_its_longest_item_and_waits_for_those_before_it() {
    let q = vec![
        order(1, 0, &[(None, 3), (None, 1)]),
        order(2, 0, &[(None, 2)]),
    ];
    let (times, lanes) = estimate(&q, Pace::NOMINAL, at(0), Lanes::new());
    assert_eq!(times, vec![(q[0].id, at(3)), (q[1].id, at(5))]);
    assert_eq!(lanes[&None], at(5));
}

#[test]
fn stations_work_side_by_side() {
    let q = vec![
        order(1, 0, &[(Some("bar"), 3)]),
        order(2, 0, &[(Some("kitchen"), 7)]),
        order(3, 0, &[(Some("bar"), 2), (Some("kitchen"), 1)]),
    ];
    let (times, _) = estimate(&q, Pace::NOMINAL, at(0), Lanes::new());
    // The bar makes 1 then 3 (done at 5); the kitchen 2 then 3 (done at 8).
    assert_eq!(times[0].1, at(3));
    assert_eq!(times[1].1, at(7));
    assert_eq!(times[2].1, at(8));
}

#[test]
fn an_order_in_progress_counts_from_when_it_was_taken() {
    let mut first = order(1, 0, &[(None, 5)]);
    first.started_at = Some(at(2));
    let q = vec![first, order(2, 1, &[(None, 2)])];
    let (times, _) = estimate(&q, Pace::NOMINAL, at(4), Lanes::new());
    assert_eq!(times[0].1, at(7));
    assert_eq!(times[1].1, at(9));
    // Late: it is due now, not in the past.
    let (times, _) = estimate(&q, Pace::NOMINAL, at(10), Lanes::new());
    assert_eq!(times[0].1, at(10));
}

#[test]
fn bumped_lines_leave_nothing_to_wait_for() {
    let q = vec![order(1, 0, &[])];
    let (times, _) = estimate(&q, Pace::NOMINAL, at(3), Lanes::new());
    assert_eq!(times[0].1, at(3));
}

#[test]
fn times_are_rounded_up_to_the_minute() {
    let t = at(2) + Duration::seconds(1);
    assert_eq!(round_up(t), at(3));
    assert_eq!(round_up(at(2)), at(2));
    let q = vec![order(1, 0, &[(None, 1)])];
    let (times, _) = estimate(&q, Pace::permille(1500), at(0), Lanes::new());
    assert_eq!(times[0].1, at(2));
}

#[test]
fn the_pace_follows_the_kitchen() {
    let sample = |created: i64, ready: i64| ReadySample {
        created_at: at(created),
        ready_at: at(ready),
        prep_minutes: 4,
    };
    // Too few orders: the menu's times.
    assert_eq!(pace(&[sample(0, 8), sample(0, 16)]), Pace::NOMINAL);
    // One at a time, as the menu says.
    assert_eq!(
        pace(&[sample(0, 4), sample(0, 8), sample(0, 12)]),
        Pace::NOMINAL
    );
    // Side by side: an order every two minutes.
    assert_eq!(
        pace(&[sample(0, 4), sample(0, 6), sample(0, 8), sample(0, 10)]).get(),
        625
    );
    // Twice as slow, with gaps between orders (idle time is not counted).
    assert_eq!(
        pace(&[sample(0, 8), sample(20, 28), sample(40, 48)]).get(),
        2000
    );
    // Bounded.
    assert_eq!(
        pace(&[sample(0, 100), sample(100, 200), sample(200, 300)]).get(),
        PACE_MAX
    );
}

fn arb_queue() -> impl Strategy<Value = Vec<Queued>> {
    let line = (
        prop::option::of(prop::sample::select(vec!["bar", "kitchen"])),
        0u32..20,
    );
    let entry = (
        0i64..30,
        prop::collection::vec(line, 0..4),
        prop::option::of(0i64..10),
    );
    prop::collection::vec(entry, 0..12).prop_map(|v| {
        let mut created = 0;
        v.into_iter()
            .enumerate()
            .map(|(i, (gap, lines, started))| {
                created += gap;
                let mut o = order(i as u128 + 1, created, &[]);
                o.lines = lines
                    .into_iter()
                    .map(|(s, m)| Work {
                        station: s.map(str::to_string),
                        prep_minutes: m,
                    })
                    .collect();
                o.started_at = started.map(|s| at(created + s));
                o
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn never_before_the_order_nor_before_now(
        q in arb_queue(), now in 0i64..400, p in PACE_MIN..PACE_MAX,
    ) {
        let (times, _) = estimate(&q, Pace::permille(p), at(now), Lanes::new());
        prop_assert_eq!(times.len(), q.len());
        for (o, (id, t)) in q.iter().zip(&times) {
            prop_assert_eq!(o.id, *id);
            prop_assert!(*t >= o.created_at);
            prop_assert!(*t >= at(now));
        }
    }

    #[test]
    fn grows_with_the_queue_ahead(
        q in arb_queue(), extra in prop::collection::vec((prop::option::of(prop::sample::select(vec!["bar", "kitchen"])), 0u32..20), 1..4),
        p in PACE_MIN..PACE_MAX,
    ) {
        // One more (unstarted) order at the front of the queue never makes a
        // later order ready sooner.
        let now = at(0);
        let (before, _) = estimate(&q, Pace::permille(p), now, Lanes::new());
        let mut ahead = order(999, 0, &[]);
        ahead.lines = extra.into_iter().map(|(s, m)| Work { station: s.map(str::to_string), prep_minutes: m }).collect();
        let mut longer = vec![ahead];
        longer.extend(q.iter().cloned());
        let (after, _) = estimate(&longer, Pace::permille(p), now, Lanes::new());
        for ((_, b), (_, a)) in before.iter().zip(after.iter().skip(1)) {
            prop_assert!(a >= b);
        }
    }

    #[test]
    fn a_slower_pace_is_never_sooner(q in arb_queue(), p in PACE_MIN..PACE_MAX - 1) {
        let (fast, _) = estimate(&q, Pace::permille(p), at(0), Lanes::new());
        let (slow, _) = estimate(&q, Pace::permille(p + 1), at(0), Lanes::new());
        for ((_, f), (_, s)) in fast.iter().zip(&slow) {
            prop_assert!(s >= f);
        }
    }
}
