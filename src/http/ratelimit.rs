//! Per-IP rate limits (governor): a general one for every route and a much
//! stricter one for sign-in and registration. IPv6 clients count per /64:
//! one host usually holds a whole /64 and can pick a new address in it for
//! every request.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use std::hash::{BuildHasher, Hasher};

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::app::{AppError, ErrorCode};

type Limiter = RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr, IpHashing>, DefaultClock>;

pub struct Limits {
    general: Limiter,
    auth: Limiter,
    clock: DefaultClock,
}

/// The limiters' map hashing: a multiply-xorshift mix under a key drawn at
/// start, instead of SipHash (a fifth of the rate limit's cost per request,
/// measured with callgrind). Its keys are client addresses (IPv6 by /64)
/// on the shop's LAN, and the random key keeps their buckets unguessable.
#[derive(Clone)]
pub struct IpHashing {
    key: u64,
}

impl Default for IpHashing {
    fn default() -> Self {
        IpHashing {
            key: rand::random(),
        }
    }
}

impl BuildHasher for IpHashing {
    type Hasher = IpHasher;
    fn build_hasher(&self) -> IpHasher {
        IpHasher(self.key)
    }
}

pub struct IpHasher(u64);

impl IpHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
}

impl Hasher for IpHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.mix(n as u64);
    }
    fn write_u128(&mut self, n: u128) {
        self.mix(n as u64);
        self.mix((n >> 64) as u64);
    }
    fn finish(&self) -> u64 {
        // murmur3's finaliser: every input bit moves the top bits, which
        // pick the map's shard.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

fn quota(per_minute: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl Limits {
    pub fn new(general_per_minute: u32, auth_per_minute: u32) -> Arc<Self> {
        let hashing = IpHashing::default();
        Arc::new(Limits {
            general: RateLimiter::dashmap_with_hasher(quota(general_per_minute), hashing.clone()),
            auth: RateLimiter::dashmap_with_hasher(quota(auth_per_minute), hashing),
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

    fn check(&self, limiter: &Limiter, ip: IpAddr) -> Result<(), AppError> {
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
        // A guest's session from a table's code: guessing codes is slow.
        || (path.starts_with("/api/tables/") && path.ends_with("/session"))
}

impl Limits {
    /// Admits a request for `path` from the client at `ip` (the TCP
    /// peer's address) or answers 429 with `Retry-After`: every route
    /// counts against the general limit, sign-in routes also against the
    /// stricter one.
    pub fn admit(&self, ip: Option<IpAddr>, path: &str) -> Result<(), AppError> {
        if let Some(ip) = ip.map(rate_key) {
            self.check(&self.general, ip)?;
            if is_auth_path(path) {
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
    fn the_hashing_tells_addresses_apart_in_every_bit_and_is_keyed() {
        use std::hash::BuildHasher;
        let h = IpHashing { key: 7 };
        let a = h.hash_one(ip("192.0.2.7"));
        assert_ne!(a, h.hash_one(ip("192.0.2.8")));
        assert_ne!(a, h.hash_one(ip("2001:db8::")));
        assert_eq!(a, h.hash_one(ip("192.0.2.7")));
        assert_ne!(a, IpHashing { key: 8 }.hash_one(ip("192.0.2.7")));
        // Neighbours differ in the top bits too (the shard index).
        let top = |x: u64| x >> 58;
        let spread: std::collections::HashSet<u64> = (0..=255u8)
            .map(|n| top(h.hash_one(IpAddr::from([10, 0, 0, n]))))
            .collect();
        assert!(spread.len() > 32, "{spread:?}");
    }

    #[test]
    fn addresses_in_one_64_share_a_limit() {
        let limits = Limits::new(2, 2);
        let from = |addr: &str| limits.admit(Some(ip(addr)), "/api/menu");
        assert!(from("2001:db8::1").is_ok());
        assert!(from("2001:db8::2").is_ok());
        let e = from("2001:db8::3").unwrap_err();
        assert_eq!(e.code, ErrorCode::RateLimited);
        assert!(from("2001:db8:0:1::1").is_ok());
    }
}
