//! Checks of a settings change: every field, with the codes and params a
//! client words them with.

use super::{ShopSettings, TaxClass, MAX_KIOSK_RETURN, MIN_KIOSK_RETURN, STANDARD_CLASS};
use crate::app::error::check_text;
use crate::app::{AppError, AppResult, ErrorCode};
use crate::domain::{Field, Money};

/// Checks every field; returns the trimmed shop name.
pub(crate) fn validate(new: &ShopSettings) -> AppResult<String> {
    new.tax().check()?;
    check_tax_classes(&new.tax_classes)?;
    new.loyalty.check()?;
    let name = check_text(
        &new.shop_name,
        Field::ShopName,
        80,
        "the shop name must be 1 to 80 characters",
    )?;
    for (text, field) in [
        (&new.receipt_header, Field::ReceiptHeader),
        (&new.receipt_footer, Field::ReceiptFooter),
    ] {
        if text.chars().count() > 500 {
            return Err(AppError::too_long(
                field,
                500,
                "receipt header and footer are at most 500 characters",
            ));
        }
    }
    if !(1..=240).contains(&new.ticket_amber_minutes)
        || !(1..=240).contains(&new.ticket_red_minutes)
        || new.ticket_amber_minutes >= new.ticket_red_minutes
    {
        return Err(AppError::out_of_range(
            Field::TicketMinutes,
            1,
            240,
            "ticket thresholds are 1 to 240 minutes, amber before red",
        ));
    }
    if !(1..=1000).contains(&new.regular_after_visits) {
        return Err(AppError::out_of_range(
            Field::RegularAfterVisits,
            1,
            1000,
            "regular_after_visits is 1 to 1000",
        ));
    }
    if new.cashier_refund_limit > 100_000_000 {
        return Err(AppError::new(
            ErrorCode::OutOfRange,
            "cashier_refund_limit is at most 100000000 minor units",
        )
        .with_params(serde_json::json!({
            "field": Field::RefundLimit,
            "min": Money::zero(new.currency),
            "max": Money::new(100_000_000, new.currency),
        })));
    }
    if new.cashier_discount_limit > 10_000 {
        return Err(AppError::out_of_range(
            Field::DiscountLimit,
            0,
            10_000,
            "cashier_discount_limit is 0 to 10000 basis points (0 % to 100 %)",
        ));
    }
    if let Some(z) = &new.timezone {
        if z.parse::<chrono_tz::Tz>().is_err() {
            return Err(AppError::invalid_value(
                Field::Timezone,
                format!("timezone {z:?} is not an IANA time zone such as Europe/Berlin"),
            ));
        }
    }
    if new
        .kiosk_return_seconds
        .is_some_and(|s| !(MIN_KIOSK_RETURN..=MAX_KIOSK_RETURN).contains(&s))
    {
        return Err(AppError::out_of_range(
            Field::KioskReturnSeconds,
            i64::from(MIN_KIOSK_RETURN),
            i64::from(MAX_KIOSK_RETURN),
            format!(
                "kiosk_return_seconds is {MIN_KIOSK_RETURN} to {MAX_KIOSK_RETURN} seconds, or null"
            ),
        ));
    }
    Ok(name)
}

fn check_tax_classes(classes: &[TaxClass]) -> AppResult<()> {
    if classes.is_empty() || classes.len() > 10 {
        return Err(AppError::out_of_range(
            Field::TaxClasses,
            1,
            10,
            "a shop has 1 to 10 tax classes",
        ));
    }
    for (i, c) in classes.iter().enumerate() {
        let id_ok = (1..=32).contains(&c.id.len())
            && c.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !id_ok {
            return Err(AppError::invalid_value(
                Field::TaxClassId,
                format!("tax class id {:?}: 1 to 32 of a-z, 0-9, _ and -", c.id),
            ));
        }
        check_text(
            &c.name,
            Field::TaxClassName,
            40,
            "a tax class name is 1 to 40 characters",
        )?;
        if c.eat_in_bps > 10_000 || c.takeaway_bps > 10_000 {
            return Err(crate::domain::pricing::tax_rate_above_100().into());
        }
        if classes[..i].iter().any(|o| o.id == c.id) {
            return Err(AppError::invalid_value(
                Field::TaxClassId,
                format!("tax class {} is listed twice", c.id),
            ));
        }
    }
    if !classes.iter().any(|c| c.id == STANDARD_CLASS) {
        return Err(AppError::invalid_value(
            Field::TaxClasses,
            "the tax class `standard` cannot be removed",
        ));
    }
    Ok(())
}
