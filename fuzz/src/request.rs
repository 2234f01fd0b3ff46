//! `order_request`: JSON bytes → the place-order request → its checks.

use arbitrary::{Arbitrary, Unstructured};
use crema::app::orders::{check_request, PlaceOrder, MAX_LINES};
use crema::domain::coupon::normalise_code;
use crema::domain::order::OrderType;
use uuid::Uuid;

use crate::{assert_refusal, Outcome};

/// An order request shaped like the real one, for inputs that are not JSON
/// text: the runner without libFuzzer reaches the checks sooner this way.
#[derive(Debug, Arbitrary)]
struct ArbRequest {
    lines: Vec<(u8, i64, Vec<u8>, Option<String>)>,
    dine_in: bool,
    table: Option<String>,
    coupon_code: Option<String>,
    total: Option<i64>,
}

fn request_json(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<u8>> {
    let r = ArbRequest::arbitrary(u)?;
    let lines: Vec<serde_json::Value> = r
        .lines
        .iter()
        .map(|(item, quantity, options, note)| {
            serde_json::json!({
                "item_id": Uuid::from_u128(u128::from(*item)),
                "quantity": quantity,
                "modifier_option_ids": options.iter().map(|o| Uuid::from_u128(0x100 + u128::from(*o))).collect::<Vec<_>>(),
                "note": note,
            })
        })
        .collect();
    let mut v = serde_json::json!({
        "lines": lines,
        "type": if r.dine_in { "dine_in" } else { "takeaway" },
        "table": r.table,
        "coupon_code": r.coupon_code,
    });
    if let Some(t) = r.total {
        v["total"] = serde_json::json!({"amount": t, "currency": "EUR"});
    }
    Ok(serde_json::to_vec(&v).unwrap_or_default())
}

/// JSON bytes → the place-order request → its checks: no panic; a refusal
/// is a 4xx; an accepted request has 1 to 50 lines of 1 to 99, a
/// normalised coupon code, and stays accepted after a round trip.
pub fn order_request(data: &[u8]) -> Outcome {
    let owned;
    let json = if data.first() == Some(&b'{') {
        data
    } else {
        match request_json(&mut Unstructured::new(data)) {
            Ok(j) => {
                owned = j;
                &owned[..]
            }
            Err(_) => return Outcome::Skipped,
        }
    };
    let Ok(mut req) = serde_json::from_slice::<PlaceOrder>(json) else {
        return Outcome::Skipped;
    };
    match check_request(&mut req) {
        Err(e) => {
            assert_refusal(&e, "checking an order request");
            Outcome::Refused
        }
        Ok((table, coupon)) => {
            assert!(!req.lines.is_empty() && req.lines.len() <= MAX_LINES);
            assert!(req.lines.iter().all(|l| (1..=99).contains(&l.quantity)));
            assert_eq!(coupon, req.coupon_code);
            if let Some(code) = &coupon {
                let again = normalise_code(code).expect("a normalised code stays valid");
                assert_eq!(&again, code, "normalising is idempotent");
            }
            if req.order_type == OrderType::Takeaway {
                assert!(table.is_none(), "a takeaway order has no table");
            }
            let text = serde_json::to_vec(&req).expect("serialise");
            let mut back: PlaceOrder = serde_json::from_slice(&text).expect("round trip");
            let (table2, coupon2) = check_request(&mut back).expect("still accepted");
            assert_eq!((table2, coupon2), (table, coupon));
            Outcome::Accepted
        }
    }
}
