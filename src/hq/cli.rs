//! `crema hq …`: the head office's command line (parsing and dispatch; the
//! work is in `hq::app` and `hq::http`).

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::app::{auth, shops, Hq};
use super::config::{HqConfig, HqOverrides};

#[derive(Args)]
pub struct HqArgs {
    /// `postgres://…` or `mysql://…` (also CREMA_HQ_DATABASE_URL).
    #[arg(long)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: HqCommand,
}

#[derive(Subcommand)]
enum HqCommand {
    /// Run a head-office server (a replica, when others share the database).
    Serve(ServeArgs),
    /// Manage owners' logins.
    Owner {
        #[command(subcommand)]
        command: OwnerCommand,
    },
    /// Manage shops.
    Shop {
        #[command(subcommand)]
        command: ShopCommand,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long)]
    bind: Option<SocketAddr>,
    /// Share rate limits with every replica using this Redis.
    #[arg(long)]
    redis_url: Option<String>,
    /// Requests per minute per client IP.
    #[arg(long)]
    rate_limit_per_minute: Option<u32>,
    /// Requests per minute per client IP on sign-in and enrolment.
    #[arg(long)]
    auth_rate_limit_per_minute: Option<u32>,
}

#[derive(Subcommand)]
enum OwnerCommand {
    /// Create an owner login; the password is read from standard input.
    Add {
        name: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum ShopCommand {
    /// Register a shop; prints its one-time enrolment code (valid 24 hours).
    Add { name: String },
    /// A new one-time enrolment code for a registered shop (by name or id),
    /// e.g. for a new counter PC; enrolling with it replaces the shop's
    /// credential, so the old PC can no longer push.
    Code { shop: String },
}

/// Runs a `crema hq` command on a runtime of its own.
pub fn run(args: HqArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(args: HqArgs) -> Result<(), String> {
    let mut overrides = HqOverrides {
        database_url: args.database_url,
        ..HqOverrides::default()
    };
    if let HqCommand::Serve(s) = &args.command {
        overrides.bind = s.bind;
        overrides.redis_url = s.redis_url.clone();
        overrides.rate_limit_per_minute = s.rate_limit_per_minute;
        overrides.auth_rate_limit_per_minute = s.auth_rate_limit_per_minute;
    }
    let config = HqConfig::load(&overrides)?;
    let hq = Hq::open(config).await.map_err(|e| e.to_string())?;
    let result = match args.command {
        HqCommand::Serve(_) => serve(&hq).await,
        HqCommand::Owner {
            command: OwnerCommand::Add { name, .. },
        } => add_owner(&hq, &name).await,
        HqCommand::Shop {
            command: ShopCommand::Add { name },
        } => shops::add(&hq, &name)
            .await
            .map(|shop| println!("{}", shop.code))
            .map_err(|e| e.to_string()),
        HqCommand::Shop {
            command: ShopCommand::Code { shop },
        } => shops::new_code_for(&hq, &shop)
            .await
            .map(|code| println!("{code}"))
            .map_err(|e| e.to_string()),
    };
    hq.close().await;
    result
}

async fn serve(hq: &Hq) -> Result<(), String> {
    let bind = hq.config().bind;
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = out.flush();
    }
    tracing::info!(%addr, "head office serving");
    super::http::serve(hq.clone(), listener, crate::http::shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

async fn add_owner(hq: &Hq, name: &str) -> Result<(), String> {
    if std::io::stdin().is_terminal() {
        eprint!("password: ");
    }
    let mut input = String::new();
    std::io::stdin()
        .read_line(&mut input)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let password = input.trim_end_matches(['\r', '\n']);
    let id = auth::add_owner(hq, name, password)
        .await
        .map_err(|e| e.to_string())?;
    println!("created owner {} ({id})", name.trim());
    Ok(())
}
