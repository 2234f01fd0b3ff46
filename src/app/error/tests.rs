use super::*;

/// The contract's codes and statuses, written out independently of the
/// table in `app/error.rs`: a code moved to another status fails here.
const EXPECTED: &[(&str, u16)] = &[
    ("invalid_request", 400),
    ("order_empty", 400),
    ("too_many_lines", 400),
    ("quantity_out_of_range", 400),
    ("too_long", 400),
    ("too_short", 400),
    ("required", 400),
    ("out_of_range", 400),
    ("invalid_value", 400),
    ("duplicate_value", 400),
    ("table_not_for_takeaway", 400),
    ("amount_not_positive", 400),
    ("wrong_currency", 400),
    ("payment_exceeds_owed", 400),
    ("tendered_too_low", 400),
    ("refund_line_invalid", 400),
    ("unauthorized", 401),
    ("invalid_credentials", 401),
    ("invalid_token", 401),
    ("token_expired", 401),
    ("token_reused", 401),
    ("invalid_pairing_code", 401),
    ("forbidden", 403),
    ("approval_required", 403),
    ("discount_approval_required", 403),
    ("pin_not_allowed", 403),
    ("setup_not_allowed", 403),
    ("not_found", 404),
    ("no_open_shift", 404),
    ("unknown_table_code", 404),
    ("method_not_allowed", 405),
    ("request_timeout", 408),
    ("already_exists", 409),
    ("already_set_up", 409),
    ("setup_required", 409),
    ("too_many_open_orders", 409),
    ("already_paid", 409),
    ("cannot_disable_self", 409),
    ("category_not_empty", 409),
    ("coupon_exists", 409),
    ("table_name_taken", 409),
    ("not_awaiting_accept", 409),
    ("order_not_accepted", 409),
    ("currency_locked", 409),
    ("email_taken", 409),
    ("idempotency_conflict", 409),
    ("invalid_transition", 409),
    ("item_unavailable", 409),
    ("not_empty", 409),
    ("order_cancelled", 409),
    ("not_paid", 409),
    ("refund_required", 409),
    ("shift_open", 409),
    ("tax_class_in_use", 409),
    ("modifier_group_in_use", 409),
    ("printer_not_configured", 409),
    ("try_again", 409),
    ("feedback_exists", 409),
    ("feedback_not_open", 409),
    ("updates_off", 409),
    ("no_update", 409),
    ("payload_too_large", 413),
    ("unsupported_media_type", 415),
    ("image_type_mismatch", 415),
    ("coupon_invalid", 422),
    ("invalid_modifiers", 422),
    ("pin_not_for_role", 422),
    ("refund_exceeds_paid", 422),
    ("discount_exceeds_subtotal", 422),
    ("table_required", 422),
    ("unknown_category", 422),
    ("unknown_customer", 422),
    ("unknown_item", 422),
    ("unknown_modifier_group", 422),
    ("unknown_modifier_option", 422),
    ("unknown_tax_class", 422),
    ("rating_out_of_range", 422),
    ("comment_too_long", 422),
    ("comment_invalid", 422),
    ("coupon_already_used", 422),
    ("coupon_first_order_only", 422),
    ("coupon_regulars_only", 422),
    ("customer_required", 422),
    ("points_off", 422),
    ("points_insufficient", 422),
    ("weak_pin", 422),
    ("image_too_many_pixels", 422),
    ("image_unreadable", 422),
    ("rate_limited", 429),
    ("too_many_streams", 429),
    ("pin_locked", 429),
    ("approval_locked", 429),
    ("table_order_limit", 429),
    ("internal", 500),
    ("update_failed", 502),
    ("store_read_only", 503),
    ("store_unavailable", 503),
    ("too_many_connections", 503),
    ("storage_full", 507),
    // The tables' QR sheet.
    ("invalid_base_url", 400),
    ("no_tables", 409),
];

#[test]
fn every_code_maps_to_its_contract_string_and_status() {
    assert_eq!(
        ErrorCode::ALL.len(),
        EXPECTED.len(),
        "a code without a test row"
    );
    for code in ErrorCode::ALL {
        let expected = EXPECTED
            .iter()
            .find(|(s, _)| *s == code.as_str())
            .unwrap_or_else(|| panic!("{code:?} ({}) is not in the contract table", code.as_str()));
        assert_eq!(code.status(), expected.1, "status of {}", code.as_str());
        assert!(code
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_'));
    }
}

#[test]
fn every_domain_rule_and_store_conflict_has_a_client_code() {
    let rules = [
        (Rule::Invalid, ErrorCode::InvalidRequest),
        (Rule::Forbidden, ErrorCode::Forbidden),
        (Rule::InvalidTransition, ErrorCode::InvalidTransition),
        (Rule::OrderCancelled, ErrorCode::OrderCancelled),
        (Rule::AlreadyPaid, ErrorCode::AlreadyPaid),
        (Rule::CouponInvalid, ErrorCode::CouponInvalid),
        (Rule::InvalidModifiers, ErrorCode::InvalidModifiers),
        (Rule::NotPaid, ErrorCode::NotPaid),
        (Rule::RefundExceedsPaid, ErrorCode::RefundExceedsPaid),
        (Rule::RefundRequired, ErrorCode::RefundRequired),
        (Rule::WeakPin, ErrorCode::WeakPin),
        (Rule::TooLong, ErrorCode::TooLong),
        (Rule::TooShort, ErrorCode::TooShort),
        (Rule::Required, ErrorCode::Required),
        (Rule::OutOfRange, ErrorCode::OutOfRange),
        (Rule::InvalidValue, ErrorCode::InvalidValue),
        (Rule::QuantityOutOfRange, ErrorCode::QuantityOutOfRange),
        (Rule::TableNotForTakeaway, ErrorCode::TableNotForTakeaway),
        (Rule::AmountNotPositive, ErrorCode::AmountNotPositive),
        (Rule::WrongCurrency, ErrorCode::WrongCurrency),
        (Rule::PaymentExceedsOwed, ErrorCode::PaymentExceedsOwed),
        (Rule::TenderedTooLow, ErrorCode::TenderedTooLow),
        (Rule::RefundLineInvalid, ErrorCode::RefundLineInvalid),
        (
            Rule::DiscountExceedsSubtotal,
            ErrorCode::DiscountExceedsSubtotal,
        ),
    ];
    for (rule, code) in rules {
        assert_eq!(AppError::from(DomainError::new(rule, "x")).code, code);
    }
    let conflicts = [
        (Conflict::Username, ErrorCode::AlreadyExists),
        (Conflict::Pin, ErrorCode::AlreadyExists),
        (Conflict::Email, ErrorCode::EmailTaken),
        (Conflict::CouponCode, ErrorCode::CouponExists),
        (Conflict::PairingCode, ErrorCode::TryAgain),
        (Conflict::CategoryHasItems, ErrorCode::CategoryNotEmpty),
    ];
    for (conflict, code) in conflicts {
        assert_eq!(AppError::from(StoreError::Conflict(conflict)).code, code);
    }
    let missing: AppResult<()> = Err(StoreError::NotFound).not_found_as("no such item");
    let e = missing.unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        (ErrorCode::NotFound, "no such item")
    );
}

#[test]
fn a_disk_fault_is_a_clear_error_with_its_cause_kept_for_the_log() {
    let faults = [
        (Fault::Full, ErrorCode::StorageFull, 507),
        (Fault::ReadOnly, ErrorCode::StoreReadOnly, 503),
        (Fault::Unavailable, ErrorCode::StoreUnavailable, 503),
    ];
    for (fault, code, status) in faults {
        let e = AppError::from(StoreError::Fault(fault));
        assert_eq!((e.code, e.status()), (code, status));
        assert!(e.message.contains("nothing was saved"), "{}", e.message);
        assert!(e.cause_chain().is_some());
    }
    // The same, straight from SQLite's result codes.
    let sqlite = |code: i32| {
        StoreError::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    };
    use rusqlite::ffi;
    assert_eq!(
        AppError::from(sqlite(ffi::SQLITE_FULL)).code,
        ErrorCode::StorageFull
    );
    assert_eq!(
        AppError::from(sqlite(ffi::SQLITE_READONLY_DBMOVED)).code,
        ErrorCode::StoreReadOnly
    );
    assert_eq!(
        AppError::from(sqlite(ffi::SQLITE_IOERR_WRITE)).code,
        ErrorCode::StoreUnavailable
    );
    assert_eq!(
        AppError::from(sqlite(ffi::SQLITE_CONSTRAINT)).code,
        ErrorCode::Internal
    );
    let panicked = AppError::from(StoreError::Panicked("bug".into()));
    assert_eq!(panicked.code, ErrorCode::Internal);
}

#[test]
fn an_internal_error_keeps_its_cause_chain_out_of_the_message() {
    let io = std::io::Error::other("disk on fire");
    let e = AppError::internal(StoreError::from(io));
    assert_eq!(e.code, ErrorCode::Internal);
    assert!(!e.message.contains("disk"));
    let chain = e.cause_chain().unwrap();
    assert!(chain.contains("disk on fire"), "{chain}");
}

#[test]
fn params_travel_from_the_domain_to_the_client_and_stay_out_when_none() {
    let e = AppError::from(crate::domain::DomainError::too_long(
        crate::domain::Field::Note,
        200,
        "a note is at most 200 characters",
    ));
    assert_eq!(e.code, ErrorCode::TooLong);
    assert_eq!(
        e.params,
        Some(serde_json::json!({"field": "note", "max": 200}))
    );
    assert_eq!(e.message, "a note is at most 200 characters");
    let e = AppError::new(ErrorCode::ShiftOpen, "x").with_params(serde_json::json!({"n": 1}));
    assert_eq!(e.params, Some(serde_json::json!({"n": 1})));
    assert_eq!(AppError::new(ErrorCode::ShiftOpen, "x").params, None);
}

#[test]
fn a_text_is_required_and_bounded() {
    use crate::domain::Field;
    assert_eq!(check_text("  Lena ", Field::Name, 10, "m").unwrap(), "Lena");
    assert_eq!(
        check_text("  ", Field::Name, 10, "m").unwrap_err().code,
        ErrorCode::Required
    );
    let long = check_text("abcdefghijk", Field::Name, 10, "m").unwrap_err();
    assert_eq!(long.code, ErrorCode::TooLong);
    assert_eq!(long.params.unwrap()["max"], 10);
}
