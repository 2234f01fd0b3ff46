//! What only the desktop counter app does: its embedded LAN server (the
//! addresses tablets use) and updates. Who may see and move the server or
//! install updates is decided here, like every other permission, so the
//! app's commands hold no rules of their own. The types are listed in the
//! OpenAPI components so the web client's types are generated for them too;
//! no HTTP route serves them.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Actor, AppResult};
use crate::domain::user::Role;

/// A problem with the LAN server, e.g. `port_in_use`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ServerProblem {
    pub code: String,
    pub message: String,
}

/// The embedded LAN server that tablets and the kitchen board connect to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ServerInfo {
    pub running: bool,
    /// The configured address, e.g. `0.0.0.0:8080`.
    pub bind: String,
    /// The port it listens on, when running.
    pub port: Option<u16>,
    /// Addresses to open on a tablet, best first (e.g. `http://192.168.1.20:8080/`).
    pub urls: Vec<String>,
    pub error: Option<ServerProblem>,
    /// A free port to offer when the configured one is taken.
    pub suggested_port: Option<u16>,
}

/// The result of an update check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UpdateInfo {
    /// False when no update endpoint and public key are configured.
    pub enabled: bool,
    pub current_version: String,
    pub available: bool,
    pub version: Option<String>,
    pub notes: Option<String>,
}

/// The URLs under which a server bound to `bound` is reachable from the shop
/// network: the site-local IPv4 addresses of this machine first, loopback last.
pub fn lan_urls(bound: SocketAddr) -> Vec<String> {
    let port = bound.port();
    let url = |ip: IpAddr| match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{port}/"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}/"),
    };
    let ip = bound.ip();
    if !ip.is_unspecified() {
        return vec![url(ip)];
    }
    let mut lan: Vec<Ipv4Addr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i.ip() {
            IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() => Some(v4),
            _ => None,
        })
        .collect();
    // Private shop-network addresses before anything else.
    lan.sort_by_key(|a| (!a.is_private(), *a));
    lan.dedup();
    let mut urls: Vec<String> = lan.into_iter().map(|a| url(IpAddr::V4(a))).collect();
    urls.push(url(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    urls
}

/// The LAN server as a browser at the counter sees it (`GET /api/server`):
/// the addresses of the server listening on `bound` (staff at the counter).
pub fn served_at(actor: &Actor, bound: SocketAddr) -> AppResult<ServerInfo> {
    may_view_server(actor)?;
    Ok(ServerInfo {
        running: true,
        bind: bound.to_string(),
        port: Some(bound.port()),
        urls: lan_urls(bound),
        error: None,
        suggested_port: None,
    })
}

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

    #[test]
    fn a_specific_address_is_the_only_url() {
        let urls = lan_urls("127.0.0.1:8080".parse().unwrap());
        assert_eq!(urls, vec!["http://127.0.0.1:8080/".to_string()]);
    }

    #[test]
    fn all_interfaces_end_with_loopback_and_carry_the_port() {
        let urls = lan_urls("0.0.0.0:8123".parse().unwrap());
        assert_eq!(urls.last().unwrap(), "http://127.0.0.1:8123/");
        assert!(urls.iter().all(|u| u.ends_with(":8123/")));
    }
}
