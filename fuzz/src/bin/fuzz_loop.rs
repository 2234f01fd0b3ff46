//! The fuzz targets without libFuzzer (any toolchain): each runs for the
//! given seconds on pseudo-random inputs of a fixed seed, plus the seed
//! files in `seeds/<target>/`.
//!
//!   fuzz-loop TARGET|all [SECONDS] [SEED]

use std::time::{Duration, Instant};

use crema_fuzz::Outcome;

type Target = fn(&[u8]) -> Outcome;

const TARGETS: &[(&str, Target)] = &[
    ("order_request", crema_fuzz::order_request),
    ("pricing", crema_fuzz::pricing),
    ("receipt", crema_fuzz::receipt),
];

/// xorshift64*: enough to spread inputs, and the same for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn bytes(&mut self, buf: &mut Vec<u8>) {
        let len = (self.next() % 1024) as usize;
        buf.clear();
        while buf.len() < len {
            buf.extend_from_slice(&self.next().to_le_bytes());
        }
        buf.truncate(len);
    }
}

fn run(name: &str, target: Target, seconds: u64, seed: u64) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name);
    let seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| std::fs::read(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    for s in &seeds {
        target(s);
    }
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut buf) = (0u64, Vec::new());
    let mut counts = [0u64; 3];
    while Instant::now() < deadline {
        for _ in 0..64 {
            rng.bytes(&mut buf);
            // Now and then a seed with a few bytes changed.
            if !seeds.is_empty() && rng.next().is_multiple_of(4) {
                let i = (rng.next() as usize) % seeds.len();
                buf.clone_from(&seeds[i]);
                for _ in 0..1 + rng.next() % 4 {
                    if buf.is_empty() {
                        break;
                    }
                    let at = (rng.next() as usize) % buf.len();
                    buf[at] = rng.next() as u8;
                }
            }
            counts[target(&buf) as usize] += 1;
            runs += 1;
        }
    }
    let [skipped, refused, accepted] = counts;
    println!(
        "fuzz-loop: {name}: {runs} inputs in {seconds} s ({accepted} accepted, {refused} refused, {skipped} not of the kind), no failure"
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map(String::as_str).unwrap_or("all");
    let seconds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let seed = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_203);
    let chosen: Vec<_> = TARGETS
        .iter()
        .filter(|(n, _)| which == "all" || which == *n)
        .collect();
    if chosen.is_empty() {
        eprintln!("fuzz-loop: no target {which:?}; targets: order_request, pricing, receipt, all");
        std::process::exit(2);
    }
    for (name, target) in chosen {
        run(name, *target, seconds, seed);
    }
}
