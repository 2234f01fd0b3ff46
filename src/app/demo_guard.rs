//! The demo logins (`scripts/serve-demo.sh`, `make run` without a display)
//! are public: anyone who has read the README knows them. `crema serve`
//! refuses to listen beyond this machine while an account still has one of
//! them, unless told to (`allow_demo_on_lan`), and then says so loudly.

use std::net::SocketAddr;

use super::auth::{check_password, pin_holder};
use super::{App, AppResult};

/// The demo accounts with their published passwords.
pub const DEMO_PASSWORDS: &[(&str, &str)] = &[
    ("admin", "crema-admin"),
    ("cashier", "crema-cashier"),
    ("kitchen", "crema-kitchen"),
];

/// The published demo PIN of the counter.
pub const DEMO_PIN: &str = "123456";

/// The enabled accounts that still sign in with a published demo
/// password or PIN, by name.
pub async fn demo_logins(app: &App) -> AppResult<Vec<String>> {
    let mut found = Vec::new();
    for (name, password) in DEMO_PASSWORDS {
        if check_password(app, name, password).await?.is_some() {
            found.push(format!("{name} / {password}"));
        }
    }
    if let Some(name) = pin_holder(app, DEMO_PIN).await? {
        found.push(format!("{name} (PIN {DEMO_PIN})"));
    }
    Ok(found)
}

/// Whether the server may start on `bind`.
#[derive(Debug, PartialEq, Eq)]
pub enum BindDecision {
    Serve,
    /// Serve, but print this warning first.
    Warn(String),
    /// Do not start; the message says why and how to go on.
    Refuse(String),
}

/// Decides from the address, the demo logins still in place and the
/// `allow_demo_on_lan` setting. Loopback binds are always fine.
pub fn decide(bind: SocketAddr, demo: &[String], allow_demo_on_lan: bool) -> BindDecision {
    if bind.ip().is_loopback() || demo.is_empty() {
        return BindDecision::Serve;
    }
    let list = demo.join(", ");
    if allow_demo_on_lan {
        BindDecision::Warn(format!(
            "WARNING: serving on {bind} (reachable from the network) with the published demo \
             logins {list}: anyone on this network can sign in with them. Change those \
             passwords and PINs before real use."
        ))
    } else {
        BindDecision::Refuse(format!(
            "refusing to serve on {bind}: these accounts still have the published demo \
             logins: {list}, and anyone on the network could sign in with them. Change \
             their passwords and PINs (or disable them), bind to 127.0.0.1, or start with \
             --allow-demo-on-lan (allow_demo_on_lan = true) to serve the demo to the LAN \
             anyway."
        ))
    }
}

/// [`decide`] for this app's configured bind address.
pub async fn check_bind(app: &App, bind: SocketAddr) -> AppResult<BindDecision> {
    let allow = app.config().allow_demo_on_lan;
    if bind.ip().is_loopback() {
        return Ok(BindDecision::Serve);
    }
    Ok(decide(bind, &demo_logins(app).await?, allow))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::users::{self, Credential};
    use crate::app::Actor;
    use crate::config::Config;
    use crate::domain::user::Role;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_network_bind_with_demo_logins_is_refused_or_warned() {
        let demo = vec!["admin / crema-admin".to_string()];
        for lo in ["127.0.0.1:8080", "[::1]:8080"] {
            assert_eq!(decide(addr(lo), &demo, false), BindDecision::Serve);
        }
        for lan in ["0.0.0.0:8080", "[::]:8080", "192.168.1.20:8080"] {
            assert!(
                matches!(decide(addr(lan), &demo, false), BindDecision::Refuse(m) if m.contains("crema-admin") && m.contains("--allow-demo-on-lan"))
            );
            assert!(
                matches!(decide(addr(lan), &demo, true), BindDecision::Warn(m) if m.contains("WARNING"))
            );
            assert_eq!(decide(addr(lan), &[], false), BindDecision::Serve);
        }
    }

    #[tokio::test]
    async fn the_demo_logins_are_found_until_they_are_changed() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(dir.path(), Config::default()).unwrap();
        let lan = addr("0.0.0.0:8080");
        assert_eq!(check_bind(&app, lan).await.unwrap(), BindDecision::Serve);
        let staff = [
            (
                "admin",
                Role::Admin,
                Credential::Password("crema-admin".into()),
            ),
            (
                "kitchen",
                Role::Kitchen,
                Credential::Password("own-kitchen-pw".into()),
            ),
            ("counter", Role::Cashier, Credential::Pin(DEMO_PIN.into())),
        ];
        for (name, role, cred) in staff {
            users::create_staff(&app, &Actor::System, name, role, cred)
                .await
                .unwrap();
        }
        let found = demo_logins(&app).await.unwrap();
        assert_eq!(found, ["admin / crema-admin", "counter (PIN 123456)"]);
        assert!(matches!(
            check_bind(&app, lan).await.unwrap(),
            BindDecision::Refuse(_)
        ));
        assert_eq!(
            check_bind(&app, addr("127.0.0.1:0")).await.unwrap(),
            BindDecision::Serve
        );
        app.shutdown();
    }
}
