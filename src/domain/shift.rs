//! A shift's cash: what the drawer should hold when it is counted.

use super::{DomainError, Money};

/// The cash of a shift, each in the shop's currency.
#[derive(Debug, Clone, Copy)]
pub struct ShiftCash {
    pub opening_float: Money,
    /// Cash payments: amount and tip (the tendered money minus the change).
    pub taken: Money,
    /// Cash refunds.
    pub refunded: Money,
    pub cash_in: Money,
    pub cash_out: Money,
}

impl ShiftCash {
    /// float + cash taken − change given − cash refunded + in − out.
    pub fn expected(&self) -> Result<Money, DomainError> {
        self.opening_float
            .checked_add(self.taken)?
            .checked_sub(self.refunded)?
            .checked_add(self.cash_in)?
            .checked_sub(self.cash_out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn expected_cash_follows_the_contract() {
        let eur = |a| Money::new(a, Currency::parse("EUR").unwrap());
        let cash = ShiftCash {
            opening_float: eur(10_000),
            taken: eur(2_340),
            refunded: eur(420),
            cash_in: eur(500),
            cash_out: eur(1_000),
        };
        assert_eq!(cash.expected().unwrap(), eur(11_420));
    }
}
