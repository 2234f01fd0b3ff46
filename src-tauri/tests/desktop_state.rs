//! The desktop state without a window: live events reach the web view as
//! Tauri event payloads filtered for who subscribed, and a taken LAN port is
//! reported with a free one that then works.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App};
use crema::config::Config;
use crema::domain::user::Role;
use crema_desktop::{Desktop, EventPayload};

async fn app(dir: &std::path::Path) -> App {
    let app = App::open(dir, Config::default()).unwrap();
    demo::load(&app, &Actor::System).await.unwrap();
    app
}

async fn token(app: &App, name: &str, role: Role) -> String {
    users::create_staff(
        app,
        &Actor::System,
        name,
        role,
        Credential::Password("password-123".into()),
    )
    .await
    .unwrap();
    crema::app::auth::login(app, name, "password-123")
        .await
        .unwrap()
        .access_token
}

#[tokio::test]
async fn live_events_reach_the_window_for_their_subscription_only() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path()).await;
    let seen: Arc<Mutex<Vec<EventPayload>>> = Arc::default();
    let sink = seen.clone();
    let desktop = Desktop::new(
        app.clone(),
        Arc::new(move |p| sink.lock().unwrap().push(p)),
        None,
    );
    let kitchen = token(&app, "kim", Role::Kitchen).await;
    let actor = desktop.actor(Some(&kitchen)).await.unwrap();
    let sub = desktop.subscribe(&actor).await.unwrap();
    assert_eq!(desktop.subscription_count(), 1);

    // Not signed in: no feed.
    let err = desktop.subscribe(&Actor::Anonymous).await.unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (401, "unauthorized"));

    let item = crema::app::menu::get(&app).await.unwrap().view.categories[0].items[0].clone();
    crema::app::menu::update_item(
        &app,
        &Actor::System,
        item.id,
        serde_json::from_value(serde_json::json!({"available": false})).unwrap(),
    )
    .await
    .unwrap();

    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        if seen
            .lock()
            .unwrap()
            .iter()
            .any(|p| p.name == "menu.updated")
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no menu.updated arrived"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let got = seen.lock().unwrap().clone();
    assert!(got.iter().all(|p| p.subscription == sub));
    let menu_event = got.iter().find(|p| p.name == "menu.updated").unwrap();
    let data: serde_json::Value = serde_json::from_str(&menu_event.data).unwrap();
    assert!(data.is_object(), "the SSE data, as JSON: {data}");

    desktop.unsubscribe(&sub);
    assert_eq!(desktop.subscription_count(), 0);

    // A reloaded page: every feed of the old one ends.
    desktop.subscribe(&actor).await.unwrap();
    desktop.subscribe(&actor).await.unwrap();
    assert_eq!(desktop.subscription_count(), 2);
    desktop.unsubscribe_all();
    assert_eq!(desktop.subscription_count(), 0);
    desktop.shutdown().await;
}

#[tokio::test]
async fn a_taken_port_is_reported_with_a_free_one_that_works() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(
        dir.path(),
        Config {
            bind: "127.0.0.1:0".parse().unwrap(),
            ..Config::default()
        },
    )
    .unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut server =
        crema_desktop::server::LanServer::new(app, format!("127.0.0.1:{port}").parse().unwrap());

    let info = server.start().await;
    assert!(!info.running);
    let problem = info.error.clone().expect("an error");
    assert_eq!(problem.code, "port_in_use");
    assert!(
        problem.message.contains(&port.to_string()),
        "{}",
        problem.message
    );
    let offer = info.suggested_port.expect("a free port is offered");
    assert_ne!(offer, port);

    let info = server.restart_on(offer).await;
    assert!(info.running, "{info:?}");
    assert_eq!(info.port, Some(offer));
    assert_eq!(info.urls, vec![format!("http://127.0.0.1:{offer}/")]);
    // The next start uses it.
    let saved = std::fs::read_to_string(dir.path().join("crema.toml")).unwrap();
    assert_eq!(saved, format!("bind = \"127.0.0.1:{offer}\"\n"));
    let health: serde_json::Value = reqwest::get(format!("http://127.0.0.1:{offer}/api/health"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    server.stop().await;
    drop(taken);
}
