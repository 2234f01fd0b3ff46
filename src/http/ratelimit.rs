//! Per-IP rate limits (governor): a general one for every route and a much
//! stricter one for sign-in and registration.

use std::net::IpAddr;
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
        })
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
        if let Some(ip) = client_ip(req.extensions()) {
            self.check(&self.general, ip)?;
            if is_auth_path(req.uri().path()) {
                self.check(&self.auth, ip)?;
            }
        }
        Ok(())
    }
}
