//! Several `crema hq serve` over one database are one head office: what
//! one issues or stores, the other honours and reports; with one Redis,
//! they share their rate limits.

use reqwest::StatusCode;
use serde_json::json;

use crate::on_both;
use crate::shop::{sell, Sold};
use crate::support::{add_owner, add_shop, error_code, Backend, Server, TestDb, OWNER};

on_both!(
    two_replicas_answer_as_one_head_office,
    replicas_sharing_redis_share_the_sign_in_limit
);

async fn two_replicas_answer_as_one_head_office(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let code = add_shop(&db, "Shared");
    // Both start (and migrate) at once.
    let (a, bb) = std::thread::scope(|s| {
        let a = s.spawn(|| Server::start(&db, &[], &[]));
        let b = s.spawn(|| Server::start(&db, &[], &[]));
        (a.join().unwrap(), b.join().unwrap())
    });
    // Enrolled on A, pushing half to each.
    let cred = a.enrol(&code).await;
    let sold = sell(16).await;
    let half = sold.events.len() / 2;
    let r = a
        .push(&cred, &Sold::batch(&sold.events[..half + 3]), true)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = bb
        .push(&cred, &Sold::batch(&sold.events[half..]), false)
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Signed in on A, refreshed on B, read on both.
    let tokens = a.login().await;
    let r = bb
        .post(
            "/api/auth/refresh",
            &json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = a
        .post(
            "/api/auth/refresh",
            &json!({"refresh_token": tokens["refresh_token"]}),
        )
        .await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "token_reused"
    );
    let token = a.token().await;
    let day = chrono::Utc::now().date_naive().to_string();
    let (sa, sb) = (
        a.summary(&token, &day, &day).await,
        bb.summary(&token, &day, &day).await,
    );
    assert_eq!(sa, sb);
    assert_eq!(sa["orders"], sold.orders);
    assert_eq!(sa["revenue"]["amount"], sold.revenue);
    assert_eq!(sa["refunds"]["amount"], sold.refunds);

    // Signed out on B: A refuses the token too.
    let r = bb
        .http
        .post(bb.url("/api/auth/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = a.get(&token, "/api/hq/shops").await;
    assert_eq!(
        error_code(r, StatusCode::UNAUTHORIZED).await,
        "invalid_token"
    );
}

async fn replicas_sharing_redis_share_the_sign_in_limit(b: Backend) {
    let db = TestDb::new(b).await;
    add_owner(&db);
    let redis = std::env::var("CREMA_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_string());
    // Keys of this test only, so runs at once do not count against each other.
    let prefix = format!("crema:test:{}", uuid::Uuid::now_v7().simple());
    let env = [("CREMA_HQ_REDIS_KEY_PREFIX", prefix.as_str())];
    let args = [
        "--redis-url",
        redis.as_str(),
        "--auth-rate-limit-per-minute",
        "20",
    ];
    let a = Server::start(&db, &args, &env);
    let bb = Server::start(&db, &args, &env);
    let wrong = json!({"username": OWNER.0, "password": "wrong-password"});
    for _ in 0..20 {
        let r = a.post("/api/auth/login", &wrong).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = bb.post("/api/auth/login", &wrong).await;
    let retry: u64 = r
        .headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(
        error_code(r, StatusCode::TOO_MANY_REQUESTS).await,
        "rate_limited"
    );
    // Reads keep their own, larger limit.
    let r = bb.http.get(bb.url("/api/health")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// With one Redis, replicas share their reports' cache: an answer B
/// computed is kept there, and a push to A makes B's next answer fresh.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_sharing_redis_share_a_report_cache_that_new_sales_clear() {
    let db = TestDb::new(Backend::Postgres).await;
    add_owner(&db);
    let code = add_shop(&db, "Cached");
    let redis_url = std::env::var("CREMA_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_string());
    let prefix = format!("crema:test:{}", uuid::Uuid::now_v7().simple());
    let env = [("CREMA_HQ_REDIS_KEY_PREFIX", prefix.as_str())];
    let args = ["--redis-url", redis_url.as_str()];
    let a = Server::start(&db, &args, &env);
    let bb = Server::start(&db, &args, &env);
    let cred = a.enrol(&code).await;
    let token = a.token().await;
    let day = chrono::Utc::now().date_naive().to_string();
    let sold = sell(12).await;
    let half = sold.events.len() / 2;
    let r = a
        .push(&cred, &Sold::batch(&sold.events[..half]), true)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let first = bb.summary(&token, &day, &day).await;

    // The answer is in Redis, under the cache's generation.
    let client = redis::Client::open(redis_url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}:cache:*summary*"))
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(keys.len(), 1, "{keys:?}");
    let kept: String = redis::cmd("GET")
        .arg(&keys[0])
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&kept).unwrap(),
        first
    );
    assert_eq!(
        a.summary(&token, &day, &day).await,
        first,
        "A reads B's answer"
    );

    // The rest, pushed to A: B's next answer has it all at once.
    let r = a
        .push(&cred, &Sold::batch(&sold.events[half..]), true)
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let all = bb.summary(&token, &day, &day).await;
    assert_eq!(all["orders"], sold.orders);
    assert_eq!(all["revenue"]["amount"], sold.revenue);
    assert_eq!(all["refunds"]["amount"], sold.refunds);
    assert_ne!(all, first);
    let _: () = redis::cmd("DEL")
        .arg(&keys)
        .query_async(&mut conn)
        .await
        .unwrap_or(());
}
