//! Request ids the server makes when a client sent none.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::HeaderValue;

const PREFIX: usize = 12;

/// New request ids: 12 hex digits drawn at random when the server starts, a
/// dash, and the count of ids made so far in hex (`3f09a1c2b7d4-1a`) —
/// unique within a run and, with 48 random bits, between runs; far cheaper
/// per request than a UUID from the clock (callgrind).
pub struct RequestIds {
    prefix: [u8; PREFIX + 1],
    next: AtomicU64,
}

impl Default for RequestIds {
    fn default() -> Self {
        let mut prefix = [b'-'; PREFIX + 1];
        let random = rand::random::<u64>();
        for (i, b) in prefix[..PREFIX].iter_mut().enumerate() {
            *b = hex_digit(random >> (4 * i));
        }
        RequestIds {
            prefix,
            next: AtomicU64::new(0),
        }
    }
}

fn hex_digit(v: u64) -> u8 {
    b"0123456789abcdef"[(v & 0xf) as usize]
}

impl RequestIds {
    pub fn next(&self) -> HeaderValue {
        let mut n = self.next.fetch_add(1, Ordering::Relaxed);
        let mut id = [0u8; PREFIX + 1 + 16];
        id[..=PREFIX].copy_from_slice(&self.prefix);
        // The count's digits, most significant first, after the dash.
        let mut digits = [0u8; 16];
        let mut len = 0;
        loop {
            digits[len] = hex_digit(n);
            len += 1;
            n >>= 4;
            if n == 0 {
                break;
            }
        }
        for (slot, d) in id[PREFIX + 1..].iter_mut().zip(digits[..len].iter().rev()) {
            *slot = *d;
        }
        HeaderValue::from_bytes(&id[..=PREFIX + len]).unwrap_or(HeaderValue::from_static("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_request_ids_count_after_one_random_prefix_per_run() {
        let ids = RequestIds::default();
        let a = ids.next();
        let b = ids.next();
        let a = a.to_str().unwrap();
        let (prefix, count) = a.split_once('-').unwrap();
        assert_eq!(prefix.len(), 12);
        assert!(prefix.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(count, "0");
        assert_eq!(b.to_str().unwrap(), format!("{prefix}-1"));
        for _ in 0..30 {
            ids.next();
        }
        assert_eq!(ids.next().to_str().unwrap(), format!("{prefix}-20"));
        assert_ne!(RequestIds::default().next(), RequestIds::default().next());
    }
}
