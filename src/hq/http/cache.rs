//! Read caches for the owners' reports. Every answer is kept under the
//! cache's current generation, which a batch bringing new events moves on
//! (after it committed), so a report is never older than the last sale
//! head office stored. With Redis the answers and the generation are shared
//! by every replica; without it each process keeps its own, for at most
//! [`LOCAL_TTL`] (another replica's ingest cannot reach it). Redis not
//! answering: the report is computed, as without a cache.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use redis::aio::ConnectionManager;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::hq::app::HqResult;

/// How long a process keeps an answer without Redis.
pub const LOCAL_TTL: Duration = Duration::from_secs(5);
/// How long Redis keeps an answer (a generation moved on leaves it unread;
/// the bound on staleness should Redis miss an invalidation).
const SHARED_TTL_SECONDS: u64 = 30;
/// Most answers a process keeps without Redis.
const LOCAL_MAX: usize = 1000;

#[derive(Clone)]
pub struct ReadCache {
    inner: Arc<Inner>,
}

/// An answer as JSON, with the generation and time it was computed at.
type Entry = (u64, Instant, Arc<str>);

enum Inner {
    Local {
        generation: AtomicU64,
        entries: Mutex<HashMap<String, Entry>>,
    },
    Shared {
        conn: ConnectionManager,
        prefix: String,
    },
}

impl ReadCache {
    pub fn local() -> ReadCache {
        ReadCache {
            inner: Arc::new(Inner::Local {
                generation: AtomicU64::new(0),
                entries: Mutex::new(HashMap::new()),
            }),
        }
    }

    pub async fn shared(url: &str, prefix: &str) -> Result<ReadCache, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(2))
            .set_response_timeout(Duration::from_secs(1))
            .set_number_of_retries(1);
        let conn = ConnectionManager::new_with_config(client, config).await?;
        Ok(ReadCache {
            inner: Arc::new(Inner::Shared {
                conn,
                prefix: format!("{prefix}:cache"),
            }),
        })
    }

    /// The answer kept for `key`, else `compute`'s (kept for the next).
    pub async fn get_or<T, F>(&self, key: &str, compute: F) -> HqResult<T>
    where
        T: Serialize + DeserializeOwned,
        F: Future<Output = HqResult<T>>,
    {
        match self.inner.as_ref() {
            Inner::Local {
                generation,
                entries,
            } => {
                let generation = generation.load(Ordering::Acquire);
                let hit = lock(entries).get(key).and_then(|(g, at, json)| {
                    (*g == generation && at.elapsed() < LOCAL_TTL).then(|| json.clone())
                });
                if let Some(v) = hit.and_then(|json| serde_json::from_str(&json).ok()) {
                    return Ok(v);
                }
                let value = compute.await?;
                if let Ok(json) = serde_json::to_string(&value) {
                    let mut entries = lock(entries);
                    if entries.len() >= LOCAL_MAX {
                        entries.clear();
                    }
                    entries.insert(key.to_string(), (generation, Instant::now(), json.into()));
                }
                Ok(value)
            }
            Inner::Shared { conn, prefix } => {
                let mut conn = conn.clone();
                let generation: redis::RedisResult<Option<u64>> = redis::cmd("GET")
                    .arg(format!("{prefix}:generation"))
                    .query_async(&mut conn)
                    .await;
                let Ok(generation) = generation.map(|g| g.unwrap_or(0)) else {
                    return compute.await;
                };
                let slot = format!("{prefix}:{generation}:{key}");
                let kept: redis::RedisResult<Option<String>> =
                    redis::cmd("GET").arg(&slot).query_async(&mut conn).await;
                if let Some(v) = kept
                    .ok()
                    .flatten()
                    .and_then(|json| serde_json::from_str(&json).ok())
                {
                    return Ok(v);
                }
                let value = compute.await?;
                if let Ok(json) = serde_json::to_string(&value) {
                    let stored: redis::RedisResult<()> = redis::cmd("SET")
                        .arg(&slot)
                        .arg(json)
                        .arg("EX")
                        .arg(SHARED_TTL_SECONDS)
                        .query_async(&mut conn)
                        .await;
                    if let Err(e) = stored {
                        tracing::debug!(error = %e, "a report was not cached");
                    }
                }
                Ok(value)
            }
        }
    }

    /// Forgets every answer (new sales are stored): on every replica, with
    /// Redis.
    pub async fn invalidate(&self) {
        match self.inner.as_ref() {
            Inner::Local { generation, .. } => {
                generation.fetch_add(1, Ordering::AcqRel);
            }
            Inner::Shared { conn, prefix } => {
                let mut conn = conn.clone();
                let moved: redis::RedisResult<u64> = redis::cmd("INCR")
                    .arg(format!("{prefix}:generation"))
                    .query_async(&mut conn)
                    .await;
                if let Err(e) = moved {
                    // Answers kept so far expire on their own.
                    tracing::warn!(error = %e, "the report cache could not be invalidated");
                }
            }
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_answer_is_kept_until_the_generation_moves_on() {
        let cache = ReadCache::local();
        let calls = AtomicU64::new(0);
        let compute =
            || async { Ok::<u64, crate::hq::app::HqError>(calls.fetch_add(1, Ordering::SeqCst)) };
        assert_eq!(cache.get_or("k", compute()).await.unwrap(), 0);
        assert_eq!(cache.get_or("k", compute()).await.unwrap(), 0);
        assert_eq!(cache.get_or("other", compute()).await.unwrap(), 1);
        cache.invalidate().await;
        assert_eq!(cache.get_or("k", compute()).await.unwrap(), 2);
    }
}
