//! Head office behind Debian's nginx with the documented configuration
//! (`deploy/nginx/crema-hq.conf`: TLS, two upstream replicas), on loopback:
//! sign-in, reports and the owners' live stream work through it (a shop's
//! push to one replica reaches streams held on both, through Redis and
//! nginx's unbuffered proxying), and the sign-in limit keys on the
//! client's address as nginx forwards it, not on nginx's own (nginx reaches
//! the replicas from 127.0.0.2, the one trusted proxy; the clients come from
//! 127.0.0.3 and 127.0.0.4).

use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::support::{add_owner, add_shop, Backend, Server, TestDb, OWNER};

/// Reads an SSE response until an event named `name` arrives (at most 10 s);
/// its `data:` line. `seen` keeps everything read, for the next call.
async fn next_event(
    stream: &mut reqwest::Response,
    seen: &mut String,
    name: &str,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let marker = format!("event: {name}\ndata: ");
        if let Some(at) = seen.find(&marker) {
            let rest = &seen[at + marker.len()..];
            if let Some(end) = rest.find('\n') {
                return serde_json::from_str(&rest[..end]).expect("event JSON");
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, stream.chunk())
            .await
            .unwrap_or_else(|_| panic!("no {name} event within 10 s; got {seen:?}"))
            .expect("the stream")
            .expect("the stream ended");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
}

const NGINX: &str = "/usr/sbin/nginx";

struct Nginx {
    child: Child,
}

impl Drop for Nginx {
    /// SIGTERM: the master stops its workers too (SIGKILL would orphan them).
    fn drop(&mut self) {
        // SAFETY: a plain kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// The documented configuration, with this test's ports, certificate and
/// files, and nginx reaching the replicas from 127.0.0.2.
fn configure(dir: &Path, replicas: [&str; 2], https: u16, http: u16) -> std::path::PathBuf {
    let site = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx/crema-hq.conf"),
    )
    .expect("deploy/nginx/crema-hq.conf");
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=hq.example.com",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl");
    assert!(made.success(), "a test certificate");
    let site = site
        .replace("127.0.0.1:8181", replicas[0])
        .replace("127.0.0.1:8182", replicas[1])
        .replace(
            "listen 443 ssl http2;",
            &format!("listen 127.0.0.1:{https} ssl http2;"),
        )
        .replace("listen [::]:443 ssl http2;", "")
        .replace("listen 80;", &format!("listen 127.0.0.1:{http};"))
        .replace("listen [::]:80;", "")
        .replace(
            "/etc/letsencrypt/live/hq.example.com/fullchain.pem",
            cert.to_str().unwrap(),
        )
        .replace(
            "/etc/letsencrypt/live/hq.example.com/privkey.pem",
            key.to_str().unwrap(),
        )
        .replace(
            "proxy_pass http://crema_hq;",
            "proxy_pass http://crema_hq;\n        proxy_bind 127.0.0.2;",
        );
    assert!(
        site.contains(&format!("127.0.0.1:{https}")),
        "the documented listen line"
    );
    std::fs::write(dir.join("site.conf"), site).unwrap();
    let d = dir.display();
    let main = format!(
        "daemon off;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\nevents {{}}\nhttp {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  include {d}/site.conf;\n}}\n"
    );
    let path = dir.join("nginx.conf");
    std::fs::write(&path, main).unwrap();
    path
}

fn client_from(ip: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(Ipv4Addr::from(ip)))
        .danger_accept_invalid_certs(true)
        .build()
        .expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_nginx_sign_in_and_reports_work_and_limits_key_on_the_client() {
    assert!(
        Path::new(NGINX).exists(),
        "nginx is missing: make test installs Debian's nginx-light (scripts/hq-deps.sh)"
    );
    let db = TestDb::new(Backend::Postgres).await;
    add_owner(&db);
    let redis = std::env::var("CREMA_TEST_REDIS_URL")
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".to_string());
    let prefix = format!("crema:test:{}", uuid::Uuid::now_v7().simple());
    let env = [
        ("CREMA_HQ_REDIS_KEY_PREFIX", prefix.as_str()),
        ("CREMA_HQ_TRUSTED_PROXIES", "[\"127.0.0.2\"]"),
    ];
    let args = [
        "--redis-url",
        redis.as_str(),
        "--auth-rate-limit-per-minute",
        "5",
    ];
    let (a, b) = (
        Server::start(&db, &args, &env),
        Server::start(&db, &args, &env),
    );
    let addr = |s: &Server| s.base.trim_start_matches("http://").to_string();
    let dir = tempfile::tempdir().unwrap();
    let (https, http) = (free_port(), free_port());
    let conf = configure(dir.path(), [&addr(&a), &addr(&b)], https, http);
    let check = Command::new(NGINX)
        .arg("-t")
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let _nginx = Nginx {
        child: Command::new(NGINX)
            .arg("-c")
            .arg(&conf)
            .arg("-p")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx"),
    };
    let base = format!("https://127.0.0.1:{https}");
    let alice = client_from([127, 0, 0, 3]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while alice
        .get(format!("{base}/api/health"))
        .send()
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "nginx does not answer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Plain HTTP is sent to HTTPS.
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("http://127.0.0.1:{http}/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::MOVED_PERMANENTLY);

    // Sign-in and a report through nginx (the replicas take turns).
    let login = json!({"username": OWNER.0, "password": OWNER.1});
    let tokens: serde_json::Value = alice
        .post(format!("{base}/api/auth/login"))
        .json(&login)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = tokens["access_token"]
        .as_str()
        .expect("a token through nginx");
    let day = chrono::Utc::now().date_naive().to_string();
    for _ in 0..4 {
        let r = alice
            .get(format!("{base}/api/hq/reports/summary?from={day}&to={day}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }

    // Two live streams through nginx (one per replica, as nginx takes
    // turns); a shop pushes to replica A only, and both streams hear it.
    let mut streams = Vec::new();
    for _ in 0..2 {
        let r = alice
            .get(format!("{base}/api/hq/stream"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        streams.push(r);
    }
    for s in &mut streams {
        // The first comment arrives before any event: nothing is buffered.
        let first = tokio::time::timeout(Duration::from_secs(5), s.chunk())
            .await
            .expect("the stream opens at once through nginx")
            .unwrap()
            .unwrap();
        assert!(String::from_utf8_lossy(&first).starts_with(':'));
    }
    let credential = a.enrol(&add_shop(&db, "Hafen")).await;
    let batch = json!({"version": 1, "events": [{
        "id": uuid::Uuid::now_v7(), "seq": 1, "at": chrono::Utc::now(),
        "kind": "menu_applied", "data": {"version": 3},
    }]});
    assert_eq!(
        a.push(&credential, &batch, false).await.status(),
        StatusCode::OK
    );
    for s in &mut streams {
        let mut seen = String::new();
        let synced = next_event(s, &mut seen, "shop.synced").await;
        assert_eq!(synced["events"], 1);
        let applied = next_event(s, &mut seen, "menu.applied").await;
        assert_eq!(applied["version"], 3);
    }
    drop(streams);

    // Wrong passwords from one client use up its sign-in limit only.
    let wrong = json!({"username": OWNER.0, "password": "wrong-password"});
    let mut limited = false;
    for _ in 0..8 {
        let r = alice
            .post(format!("{base}/api/auth/login"))
            .json(&wrong)
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            break;
        }
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    assert!(limited, "the client at 127.0.0.3 is limited");
    let bob = client_from([127, 0, 0, 4]);
    let r = bob
        .post(format!("{base}/api/auth/login"))
        .json(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "another client is not: the limit keys on the forwarded address"
    );
    // A client cannot choose its address: one it sends is replaced by nginx.
    let r = alice
        .post(format!("{base}/api/auth/login"))
        .header("X-Forwarded-For", "10.9.8.7")
        .json(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a forged X-Forwarded-For does not escape the limit"
    );
}
