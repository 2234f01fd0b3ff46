//! The embedded LAN server: the same axum router `crema serve` runs, over the
//! counter's store, for tablets and the kitchen board. A taken port is
//! reported with a free one to offer instead; it never stops the counter.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use crema::app::desktop::{lan_urls, ServerInfo, ServerProblem};
use crema::app::App;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

/// The server's slot: at most one running instance, and what the counter shows.
pub struct LanServer {
    app: App,
    bind: SocketAddr,
    running: Option<Running>,
    info: ServerInfo,
}

impl LanServer {
    pub fn new(app: App, bind: SocketAddr) -> Self {
        LanServer {
            app,
            bind,
            running: None,
            info: ServerInfo {
                running: false,
                bind: bind.to_string(),
                port: None,
                urls: vec![],
                error: None,
                suggested_port: None,
            },
        }
    }

    pub fn info(&self) -> ServerInfo {
        self.info.clone()
    }

    /// Binds and serves; on failure the counter keeps working and the info
    /// says why, with a free port to offer.
    pub async fn start(&mut self) -> ServerInfo {
        self.stop().await;
        let bind = self.bind;
        self.info = match TcpListener::bind(bind).await {
            Ok(listener) => {
                let addr = listener.local_addr().unwrap_or(bind);
                let (stop, stopped) = oneshot::channel::<()>();
                let task = tokio::spawn(crema::http::serve(self.app.clone(), listener, async {
                    let _ = stopped.await;
                }));
                self.running = Some(Running { stop, task });
                tracing::info!(%addr, "LAN server listening");
                ServerInfo {
                    running: true,
                    bind: bind.to_string(),
                    port: Some(addr.port()),
                    urls: lan_urls(addr),
                    error: None,
                    suggested_port: None,
                }
            }
            Err(e) => {
                let (code, message) = if e.kind() == ErrorKind::AddrInUse {
                    (
                        "port_in_use",
                        format!(
                            "Port {} is already used by another program, so tablets and the \
                             kitchen board cannot connect. Choose another port.",
                            bind.port()
                        ),
                    )
                } else {
                    (
                        "bind_failed",
                        format!("The LAN server could not listen on {bind}: {e}"),
                    )
                };
                tracing::warn!(%bind, error = %e, "LAN server not started");
                ServerInfo {
                    running: false,
                    bind: bind.to_string(),
                    port: None,
                    urls: vec![],
                    error: Some(ServerProblem {
                        code: code.into(),
                        message,
                    }),
                    suggested_port: free_port_near(bind).await,
                }
            }
        };
        self.info.clone()
    }

    /// Moves the server to `port` on the same interfaces and, when it runs
    /// there, remembers the address in `crema.toml` for the next start.
    pub async fn restart_on(&mut self, port: u16) -> ServerInfo {
        self.bind.set_port(port);
        let info = self.start().await;
        if info.running {
            if let Err(e) = remember_bind(self.app.data_dir(), self.bind) {
                tracing::warn!(error = %e, "could not save the new LAN address in crema.toml");
            }
        }
        info
    }

    /// Stops taking connections, ends event streams, lets requests finish.
    pub async fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            let _ = r.stop.send(());
            let mut task = r.task;
            if tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
            self.info.running = false;
        }
    }
}

/// The first free port above the taken one (then any free port).
async fn free_port_near(bind: SocketAddr) -> Option<u16> {
    let start = bind.port();
    for port in (start.saturating_add(1)..=start.saturating_add(20)).filter(|p| *p != 0) {
        let mut candidate = bind;
        candidate.set_port(port);
        if TcpListener::bind(candidate).await.is_ok() {
            return Some(port);
        }
    }
    let mut any = bind;
    any.set_port(0);
    let l = TcpListener::bind(any).await.ok()?;
    l.local_addr().ok().map(|a| a.port())
}

/// Remembers the chosen address in `crema.toml`, so the next start uses it.
pub fn remember_bind(data_dir: &Path, bind: SocketAddr) -> std::io::Result<()> {
    let path = data_dir.join(crema::config::FILE_NAME);
    let current = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) if e.kind() == ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let line = format!("bind = \"{bind}\"");
    let mut replaced = false;
    let mut out: Vec<String> = current
        .lines()
        .map(|l| {
            let key = l.split('=').next().unwrap_or("").trim();
            if key == "bind" && !replaced {
                replaced = true;
                line.clone()
            } else {
                l.to_string()
            }
        })
        .collect();
    if !replaced {
        // Top-level keys must come before any [table].
        out.insert(0, line);
    }
    // It may hold the token secret: 0600, and never half written.
    crema::files::write_private_atomic(&path, (out.join("\n") + "\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembering_the_port_keeps_other_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crema.toml");
        std::fs::write(
            &path,
            "timezone = \"Europe/Berlin\"\nbind = \"0.0.0.0:8080\"\n",
        )
        .unwrap();
        remember_bind(dir.path(), "0.0.0.0:8081".parse().unwrap()).unwrap();
        let s = std::fs::read_to_string(&path).unwrap();
        assert_eq!(s, "timezone = \"Europe/Berlin\"\nbind = \"0.0.0.0:8081\"\n");

        let dir = tempfile::tempdir().unwrap();
        remember_bind(dir.path(), "0.0.0.0:9000".parse().unwrap()).unwrap();
        let s = std::fs::read_to_string(dir.path().join("crema.toml")).unwrap();
        assert_eq!(s, "bind = \"0.0.0.0:9000\"\n");
    }

    #[cfg(unix)]
    #[test]
    fn the_remembered_config_is_readable_only_by_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crema.toml");
        std::fs::write(&path, "jwt_secret = \"0123456789abcdef0123456789abcdef\"\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        remember_bind(dir.path(), "0.0.0.0:8081".parse().unwrap()).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "a temp file was left: {names:?}");
    }
}
