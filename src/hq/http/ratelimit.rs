//! Per-client rate limits: a general one and a much stricter one for
//! sign-in and enrolment. Kept in this process (governor), or with
//! `--redis-url` in Redis, shared by every replica using it. The client is
//! the peer, or — only when the peer is a trusted proxy — the address the
//! proxy forwarded (`X-Forwarded-For`).

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::redis_limit::RedisLimits;
use crate::hq::app::{HqError, HqResult};
use crate::http::ratelimit::rate_key;

/// Which limit a request counts against besides the general one.
fn is_auth_path(path: &str) -> bool {
    path.starts_with("/api/auth/") || path == "/api/hq/enrol"
}

pub struct Limits {
    general_per_minute: u32,
    auth_per_minute: u32,
    trusted_proxies: Vec<IpAddr>,
    store: Store,
}

enum Store {
    Local {
        general: DefaultKeyedRateLimiter<IpAddr>,
        auth: DefaultKeyedRateLimiter<IpAddr>,
    },
    Redis(RedisLimits),
}

fn quota(per_minute: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN))
}

fn too_many(secs: u64) -> HqError {
    let secs = secs.max(1);
    HqError::too_many(format!("too many requests; try again in {secs} s"), secs)
}

impl Limits {
    pub fn new(
        general_per_minute: u32,
        auth_per_minute: u32,
        trusted_proxies: Vec<IpAddr>,
        redis: Option<RedisLimits>,
    ) -> Arc<Limits> {
        let store = match redis {
            Some(r) => Store::Redis(r),
            None => Store::Local {
                general: RateLimiter::keyed(quota(general_per_minute)),
                auth: RateLimiter::keyed(quota(auth_per_minute)),
            },
        };
        Arc::new(Limits {
            general_per_minute,
            auth_per_minute,
            trusted_proxies,
            store,
        })
    }

    /// Forgets quiet clients (local limits only), so memory stays bounded.
    pub fn prune(&self) {
        if let Store::Local { general, auth } = &self.store {
            general.retain_recent();
            auth.retain_recent();
        }
    }

    /// The client a request comes from.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        client_ip(peer, headers, &self.trusted_proxies)
    }

    async fn admit(&self, ip: IpAddr, auth_path: bool) -> HqResult<()> {
        let key = rate_key(ip);
        match &self.store {
            Store::Local { general, auth } => {
                let check = |l: &DefaultKeyedRateLimiter<IpAddr>| {
                    l.check_key(&key).map_err(|not_until| {
                        let wait: Duration =
                            not_until.wait_time_from(DefaultClock::default().now());
                        too_many(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
                    })
                };
                check(general)?;
                if auth_path {
                    check(auth)?;
                }
                Ok(())
            }
            Store::Redis(r) => {
                r.admit("general", key, self.general_per_minute)
                    .await
                    .map_err(too_many)?;
                if auth_path {
                    r.admit("auth", key, self.auth_per_minute)
                        .await
                        .map_err(too_many)?;
                }
                Ok(())
            }
        }
    }
}

/// The peer, unless it is a trusted proxy: then the right-most address of
/// `X-Forwarded-For` that is not itself a trusted proxy (what the proxy
/// nearest to us saw). Never the header of an untrusted peer.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.iter().any(|t| t.to_canonical() == peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
        .collect();
    forwarded
        .into_iter()
        .rev()
        .find(|ip| !trusted.iter().any(|t| t.to_canonical() == *ip))
        .unwrap_or(peer)
}

/// The middleware: admits the request or answers 429 with `Retry-After`.
pub async fn limit(State(limits): State<Arc<Limits>>, req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(peer) = peer {
        let ip = limits.client(peer, req.headers());
        if let Err(e) = limits.admit(ip, is_auth_path(req.uri().path())).await {
            return e.into_response();
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn xff(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().unwrap());
        h
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxy = ip("127.0.0.1");
        let trusted = [proxy];
        let h = xff("203.0.113.9, 198.51.100.7");
        assert_eq!(client_ip(proxy, &h, &trusted), ip("198.51.100.7"));
        assert_eq!(client_ip(ip("192.0.2.1"), &h, &trusted), ip("192.0.2.1"));
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted), proxy);
        assert_eq!(client_ip(proxy, &h, &[]), proxy);
        let h = xff("203.0.113.9, 127.0.0.1");
        assert_eq!(client_ip(proxy, &h, &trusted), ip("203.0.113.9"));
    }
}
