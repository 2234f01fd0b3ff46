//! What a notification says: its kind, the values a client words it with
//! (`params`), the English text, and what it is about (its dedupe key).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Money;

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// A customer or kiosk left feedback (`feedback_id`, `order_number`, `rating`).
    FeedbackReceived,
    /// The receipt printer, or a kitchen station's printer (`station`),
    /// stopped printing (`error_code` where known).
    PrinterOffline,
    /// An item was marked sold out (`item_id`, `item_name`).
    ItemSoldOut,
    /// A refund above the cashiers' limit (`order_id`, `order_number`,
    /// `amount`, `limit`: Money).
    RefundAboveLimit,
    /// A shift was closed with counted cash off the expected (`shift_id`,
    /// `difference`: Money, counted minus expected).
    ShiftCashDifference,
    /// Sales have waited for head office longer than they should
    /// (`minutes`, `pending`).
    SyncBehind,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::FeedbackReceived => "feedback_received",
            NotificationKind::PrinterOffline => "printer_offline",
            NotificationKind::ItemSoldOut => "item_sold_out",
            NotificationKind::RefundAboveLimit => "refund_above_limit",
            NotificationKind::ShiftCashDifference => "shift_cash_difference",
            NotificationKind::SyncBehind => "sync_behind",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            NotificationKind::FeedbackReceived,
            NotificationKind::PrinterOffline,
            NotificationKind::ItemSoldOut,
            NotificationKind::RefundAboveLimit,
            NotificationKind::ShiftCashDifference,
            NotificationKind::SyncBehind,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// Something worth an admin's look.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    FeedbackReceived {
        feedback_id: Uuid,
        order_number: i64,
        rating: u8,
    },
    PrinterOffline {
        error_code: Option<String>,
        /// A station's printer (`None`: the receipt printer).
        station: Option<String>,
    },
    ItemSoldOut {
        item_id: Uuid,
        item_name: String,
    },
    RefundAboveLimit {
        order_id: Uuid,
        order_number: i64,
        refund_id: Uuid,
        amount: Money,
        limit: Money,
    },
    ShiftCashDifference {
        shift_id: Uuid,
        difference: Money,
    },
    SyncBehind {
        minutes: i64,
        pending: i64,
    },
}

/// The key of the printer's "offline" while it is not back.
pub const PRINTER_KEY: &str = "printer_offline";
/// The key of "head office is behind" while it is.
pub const SYNC_KEY: &str = "sync_behind";

/// The key of a station printer's "offline" while it is not back.
pub fn station_printer_key(station: &str) -> String {
    format!("{PRINTER_KEY}:{station}")
}

/// The key of an item's "sold out" while it stays sold out.
pub fn sold_out_key(item: Uuid) -> String {
    format!("sold_out:{item}")
}

impl Notice {
    pub fn kind(&self) -> NotificationKind {
        match self {
            Notice::FeedbackReceived { .. } => NotificationKind::FeedbackReceived,
            Notice::PrinterOffline { .. } => NotificationKind::PrinterOffline,
            Notice::ItemSoldOut { .. } => NotificationKind::ItemSoldOut,
            Notice::RefundAboveLimit { .. } => NotificationKind::RefundAboveLimit,
            Notice::ShiftCashDifference { .. } => NotificationKind::ShiftCashDifference,
            Notice::SyncBehind { .. } => NotificationKind::SyncBehind,
        }
    }

    /// The values a client words the notification with (plain values and Money).
    pub fn params(&self) -> Value {
        match self {
            Notice::FeedbackReceived {
                feedback_id,
                order_number,
                rating,
            } => {
                json!({ "feedback_id": feedback_id, "order_number": order_number, "rating": rating })
            }
            Notice::PrinterOffline {
                error_code,
                station,
            } => {
                let mut p = json!({});
                if let Some(code) = error_code {
                    p["error_code"] = json!(code);
                }
                if let Some(station) = station {
                    p["station"] = json!(station);
                }
                p
            }
            Notice::ItemSoldOut { item_id, item_name } => {
                json!({ "item_id": item_id, "item_name": item_name })
            }
            Notice::RefundAboveLimit {
                order_id,
                order_number,
                amount,
                limit,
                ..
            } => json!({
                "order_id": order_id, "order_number": order_number,
                "amount": amount, "limit": limit,
            }),
            Notice::ShiftCashDifference {
                shift_id,
                difference,
            } => json!({ "shift_id": shift_id, "difference": difference }),
            Notice::SyncBehind { minutes, pending } => {
                json!({ "minutes": minutes, "pending": pending })
            }
        }
    }

    /// The English text (logs and API users; the web client words its own).
    pub fn message(&self) -> String {
        match self {
            Notice::FeedbackReceived {
                order_number,
                rating,
                ..
            } => format!("New feedback on order {order_number}: {rating} of 5 stars"),
            Notice::PrinterOffline { station: None, .. } => {
                "The receipt printer is offline".to_string()
            }
            Notice::PrinterOffline {
                station: Some(station),
                ..
            } => format!("The printer of the {station} station is offline"),
            Notice::ItemSoldOut { item_name, .. } => format!("{item_name} is sold out"),
            Notice::RefundAboveLimit {
                order_number,
                amount,
                limit,
                ..
            } => format!(
                "A refund of {} {} on order {order_number}: above the limit of {}",
                amount.to_decimal(),
                amount.currency,
                limit.to_decimal()
            ),
            Notice::ShiftCashDifference { difference, .. } => format!(
                "A shift was closed with a cash difference of {} {}",
                difference.to_decimal(),
                difference.currency
            ),
            Notice::SyncBehind { minutes, pending } => {
                format!("{pending} sales have waited {minutes} min for head office")
            }
        }
    }

    /// What it is about: a second notice with the same key is not written
    /// while the first holds it.
    pub fn key(&self) -> Option<String> {
        match self {
            Notice::FeedbackReceived { feedback_id, .. } => Some(format!("feedback:{feedback_id}")),
            Notice::PrinterOffline { station: None, .. } => Some(PRINTER_KEY.to_string()),
            Notice::PrinterOffline {
                station: Some(station),
                ..
            } => Some(station_printer_key(station)),
            Notice::ItemSoldOut { item_id, .. } => Some(sold_out_key(*item_id)),
            Notice::RefundAboveLimit { refund_id, .. } => Some(format!("refund:{refund_id}")),
            Notice::ShiftCashDifference { shift_id, .. } => Some(format!("shift:{shift_id}")),
            Notice::SyncBehind { .. } => Some(SYNC_KEY.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        for s in [
            "feedback_received",
            "printer_offline",
            "item_sold_out",
            "refund_above_limit",
            "shift_cash_difference",
            "sync_behind",
        ] {
            assert_eq!(NotificationKind::parse(s).map(|k| k.as_str()), Some(s));
        }
        assert_eq!(NotificationKind::parse("other"), None);
    }

    #[test]
    fn params_are_plain_values_or_money() {
        let eur = Currency::parse("EUR").unwrap();
        let n = Notice::RefundAboveLimit {
            order_id: Uuid::nil(),
            order_number: 7,
            refund_id: Uuid::nil(),
            amount: Money::new(2500, eur),
            limit: Money::new(2000, eur),
        };
        let p = n.params();
        assert_eq!(p["amount"], json!({"amount": 2500, "currency": "EUR"}));
        assert_eq!(p["order_number"], 7);
        assert!(n.message().contains("25.00"), "{}", n.message());
        assert_eq!(
            n.key().as_deref(),
            Some("refund:00000000-0000-0000-0000-000000000000")
        );
    }

    #[test]
    fn a_station_printer_offline_names_its_station() {
        let n = Notice::PrinterOffline {
            error_code: Some("cannot_connect".into()),
            station: Some("bar".into()),
        };
        assert_eq!(
            n.params(),
            json!({"error_code": "cannot_connect", "station": "bar"})
        );
        assert_eq!(n.key().as_deref(), Some("printer_offline:bar"));
        assert!(n.message().contains("bar"), "{}", n.message());
        let receipt = Notice::PrinterOffline {
            error_code: None,
            station: None,
        };
        assert_eq!(receipt.params(), json!({}));
        assert_eq!(receipt.key().as_deref(), Some(PRINTER_KEY));
    }
}
