//! Who may do what only the desktop app does: see and move its embedded LAN
//! server, check for and install updates. Decided here, like every other
//! permission, so the app's commands hold no rules of their own.

use super::{Actor, AppResult};
use crate::domain::user::Role;

/// The LAN address and QR code for tablets: staff at the counter.
pub fn may_view_server(actor: &Actor) -> AppResult<()> {
    actor
        .require(&[Role::Admin, Role::Cashier], "see the LAN server")
        .map(|_| ())
}

/// Moving the LAN server to another port (when its port is taken).
pub fn may_move_server(actor: &Actor) -> AppResult<()> {
    actor
        .require(&[Role::Admin, Role::Cashier], "move the LAN server")
        .map(|_| ())
}

/// Looking for a newer version.
pub fn may_check_updates(actor: &Actor) -> AppResult<()> {
    actor
        .require(&[Role::Admin], "check for updates")
        .map(|_| ())
}

/// Installing a newer version (restarts the app).
pub fn may_install_updates(actor: &Actor) -> AppResult<()> {
    actor.require(&[Role::Admin], "install updates").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::ErrorCode;
    use crate::app::Principal;
    use uuid::Uuid;

    fn user(role: Role) -> Actor {
        Actor::User(Principal {
            user_id: Uuid::nil(),
            role,
            family_id: Uuid::nil(),
        })
    }

    #[test]
    fn cashiers_see_and_move_the_server_but_only_admins_update() {
        assert!(may_view_server(&user(Role::Cashier)).is_ok());
        assert!(may_move_server(&user(Role::Cashier)).is_ok());
        assert!(may_check_updates(&user(Role::Cashier)).is_err());
        assert!(may_install_updates(&user(Role::Admin)).is_ok());
        assert_eq!(
            may_view_server(&user(Role::Kiosk)).unwrap_err().code,
            ErrorCode::Forbidden
        );
        assert_eq!(
            may_view_server(&Actor::Anonymous).unwrap_err().code,
            ErrorCode::Unauthorized
        );
    }
}
