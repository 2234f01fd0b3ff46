use super::*;
use proptest::prelude::*;

#[test]
fn the_happy_path_is_allowed_for_the_kitchen() {
    use OrderStatus::*;
    for (a, b) in [
        (Placed, InProgress),
        (InProgress, Ready),
        (Ready, Completed),
    ] {
        assert!(check_transition(a, b, Role::Kitchen, None).is_ok());
    }
}

#[test]
fn cancelling_needs_a_cashier_and_a_reason() {
    use OrderStatus::*;
    assert_eq!(
        check_transition(Placed, Cancelled, Role::Kitchen, Some("x"))
            .unwrap_err()
            .rule,
        Rule::Forbidden
    );
    assert!(check_transition(Placed, Cancelled, Role::Cashier, None).is_err());
    assert!(check_transition(Placed, Cancelled, Role::Cashier, Some("  ")).is_err());
    assert!(check_transition(InProgress, Cancelled, Role::Admin, Some("spilt")).is_ok());
    assert_eq!(
        check_transition(Ready, Cancelled, Role::Admin, Some("late"))
            .unwrap_err()
            .rule,
        Rule::InvalidTransition
    );
}

#[test]
fn customers_and_kiosks_never_move_orders() {
    for r in [Role::Customer, Role::Kiosk] {
        assert_eq!(
            check_transition(OrderStatus::Placed, OrderStatus::InProgress, r, None)
                .unwrap_err()
                .rule,
            Rule::Forbidden
        );
    }
}

#[test]
fn quantity_is_one_to_ninety_nine() {
    assert!(Quantity::parse(0).is_err());
    assert!(Quantity::parse(1).is_ok());
    assert!(Quantity::parse(99).is_ok());
    assert!(Quantity::parse(100).is_err());
    assert!(Quantity::parse(-1).is_err());
}

#[test]
fn tables_only_for_dine_in() {
    assert!(check_table(Some("4"), OrderType::Takeaway).is_err());
    assert_eq!(
        check_table(Some(" 4 "), OrderType::DineIn).unwrap(),
        Some("4".into())
    );
    assert_eq!(check_table(Some(""), OrderType::Takeaway).unwrap(), None);
}

fn status() -> impl Strategy<Value = OrderStatus> {
    proptest::sample::select(OrderStatus::ALL.to_vec())
}
fn role() -> impl Strategy<Value = Role> {
    proptest::sample::select(Role::ALL.to_vec())
}

proptest! {
    /// Whatever sequence of moves anyone asks for, an order that reached
    /// a terminal state stays there.
    #[test]
    fn the_state_machine_never_leaves_a_terminal_state(
        moves in proptest::collection::vec((status(), role()), 0..40)
    ) {
        let mut current = OrderStatus::Placed;
        let mut was_terminal = false;
        for (to, r) in moves {
            if check_transition(current, to, r, Some("reason")).is_ok() {
                prop_assert!(!was_terminal, "left terminal state {:?} for {:?}", current, to);
                current = to;
            }
            was_terminal |= current.is_terminal();
        }
    }
}
