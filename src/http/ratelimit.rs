//! Per-IP rate limits (governor): a general one for every route and a much
//! stricter one for sign-in and registration. IPv6 clients count per /64:
//! one host usually holds a whole /64 and can pick a new address in it for
//! every request.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::extract::client_ip;
use crate::app::{AppError, ErrorCode};

pub struct Limits {
    general: DefaultKeyedRateLimiter<IpAddr>,
    auth: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

fn quota(per_minute: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl Limits {
    pub fn new(general_per_minute: u32, auth_per_minute: u32) -> Arc<Self> {
        Arc::new(Limits {
            general: RateLimiter::keyed(quota(general_per_minute)),
            auth: RateLimiter::keyed(quota(auth_per_minute)),
            clock: DefaultClock::default(),
        })
    }

    /// Forgets clients that have been quiet, so memory stays bounded.
    pub fn prune(&self) {
        self.general.retain_recent();
        self.auth.retain_recent();
        self.general.shrink_to_fit();
        self.auth.shrink_to_fit();
    }

    fn check(&self, limiter: &DefaultKeyedRateLimiter<IpAddr>, ip: IpAddr) -> Result<(), AppError> {
        limiter.check_key(&ip).map_err(|not_until| {
            let wait: Duration = not_until.wait_time_from(self.clock.now());
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            AppError::too_many(
                ErrorCode::RateLimited,
                format!("too many requests; try again in {} s", secs.max(1)),
                secs,
            )
            .with_params(serde_json::json!({ "seconds": secs.max(1) }))
        })
    }
}

/// Whom a request counts against: an IPv4 address (IPv4-mapped IPv6
/// addresses included) as it is, an IPv6 address by its /64 prefix.
pub fn rate_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
    }
}

fn is_auth_path(path: &str) -> bool {
    path.starts_with("/api/auth/")
        || path == "/api/customers/register"
        || path == "/api/devices/pair"
        || path == "/api/setup"
}

impl Limits {
    /// Admits a request or answers 429 with `Retry-After`: every route
    /// counts against the general limit, sign-in routes also against the
    /// stricter one.
    pub fn admit(&self, req: &Request) -> Result<(), AppError> {
        if let Some(ip) = client_ip(req.extensions()).map(rate_key) {
            self.check(&self.general, ip)?;
            if is_auth_path(req.uri().path()) {
                self.check(&self.auth, ip)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_prefix() {
        let a = rate_key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        let b = rate_key(ip("2001:db8:1:2::1"));
        assert_eq!(a, b);
        assert_eq!(a, ip("2001:db8:1:2::"));
        assert_ne!(a, rate_key(ip("2001:db8:1:3::1")));
        assert_eq!(rate_key(ip("::ffff:192.0.2.7")), ip("192.0.2.7"));
        assert_eq!(rate_key(ip("192.0.2.7")), ip("192.0.2.7"));
        assert_ne!(rate_key(ip("192.0.2.7")), rate_key(ip("192.0.2.8")));
    }

    #[test]
    fn addresses_in_one_64_share_a_limit() {
        use axum::extract::ConnectInfo;
        use std::net::SocketAddr;
        let limits = Limits::new(2, 2);
        let from = |addr: &str| {
            let mut req = Request::new(axum::body::Body::empty());
            let sa = SocketAddr::new(ip(addr), 40_000);
            req.extensions_mut().insert(ConnectInfo(sa));
            req
        };
        assert!(limits.admit(&from("2001:db8::1")).is_ok());
        assert!(limits.admit(&from("2001:db8::2")).is_ok());
        let e = limits.admit(&from("2001:db8::3")).unwrap_err();
        assert_eq!(e.code, ErrorCode::RateLimited);
        assert!(limits.admit(&from("2001:db8:0:1::1")).is_ok());
    }
}
