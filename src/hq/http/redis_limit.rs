//! Rate limits kept in Redis, so every replica using the same Redis counts
//! one client once: GCRA (as governor does) in one Lua script per check,
//! on Redis's own clock, one key per limit and client that expires when
//! the client has been quiet long enough to be forgotten. When Redis does
//! not answer, requests pass (a limiter must not take head office down).

use std::net::IpAddr;
use std::time::Duration;

use redis::aio::ConnectionManager;
use redis::Script;

/// Returns 0 when admitted, else the milliseconds until it would be.
const GCRA: &str = r"
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now_ms)
if tat < now_ms then tat = now_ms end
local new_tat = tat + interval
local allow_at = new_tat - interval * burst
if allow_at > now_ms then return allow_at - now_ms end
redis.call('SET', KEYS[1], new_tat, 'PX', math.max(1, new_tat - now_ms))
return 0
";

#[derive(Clone)]
pub struct RedisLimits {
    conn: ConnectionManager,
    prefix: String,
    script: std::sync::Arc<Script>,
}

impl RedisLimits {
    pub async fn connect(url: &str, prefix: &str) -> Result<RedisLimits, redis::RedisError> {
        let client = redis::Client::open(url)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(2))
            .set_response_timeout(Duration::from_secs(1))
            .set_number_of_retries(2);
        let conn = ConnectionManager::new_with_config(client, config).await?;
        Ok(RedisLimits {
            conn,
            prefix: prefix.to_string(),
            script: std::sync::Arc::new(Script::new(GCRA)),
        })
    }

    /// Admits one request of `ip` against `per_minute` (a burst of as many),
    /// or gives the seconds to wait.
    pub async fn admit(&self, limit: &str, ip: IpAddr, per_minute: u32) -> Result<(), u64> {
        let per_minute = per_minute.max(1);
        let interval_ms = 60_000 / u64::from(per_minute);
        let key = format!("{}:rl:{limit}:{ip}", self.prefix);
        let mut conn = self.conn.clone();
        let wait: Result<u64, _> = self
            .script
            .key(key)
            .arg(interval_ms.max(1))
            .arg(per_minute)
            .invoke_async(&mut conn)
            .await;
        match wait {
            Ok(0) => Ok(()),
            Ok(ms) => Err(ms.div_ceil(1000)),
            Err(e) => {
                tracing::warn!(error = %e, "rate limit: Redis does not answer; request let through");
                Ok(())
            }
        }
    }
}
