//! The `crema` command line: parsing only; the work is in the library.
#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use crema::app::demo_guard::{self, BindDecision};
use crema::app::users::Credential;
use crema::app::{demo, users, Actor, App};
use crema::config::{self, Config, Overrides};
use crema::domain::user::Role;

#[derive(Parser)]
#[command(
    name = "crema",
    version,
    about = "Point of sale and ordering for cafés"
)]
struct Cli {
    /// Where the shop's data lives (created if missing).
    #[arg(long, global = true, env = "CREMA_DATA_DIR", default_value_os_t = config::default_data_dir())]
    data_dir: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the LAN server (tablets, kitchen board, API).
    Serve(ServeArgs),
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load the demo café (menu, tax, coupon WELCOME10) into an empty store.
    Demo,
    /// Copy the store to FILE, also while Crema runs and sells.
    Backup {
        /// Where to write the copy (replaced if it exists); in an existing
        /// directory, a file `crema-<UTC time>.db` is made.
        file: PathBuf,
    },
    /// Replace the store with the backup FILE; Crema must be stopped.
    Restore {
        /// A copy made by `crema backup` or a scheduled backup.
        file: PathBuf,
    },
    /// The shop and head office.
    Sync {
        #[command(subcommand)]
        command: SyncCommand,
    },
    /// This shop at head office.
    Shop {
        #[command(subcommand)]
        command: ShopCommand,
    },
    /// Head office: every shop's sales in one database, owners' reports.
    Hq(crema::hq::cli::HqArgs),
}

#[derive(Subcommand)]
enum ShopCommand {
    /// Link this shop to head office with the one-time code
    /// `crema hq shop add` printed there.
    Enrol {
        /// Head office's address, e.g. https://hq.example.com.
        #[arg(long)]
        hq: String,
        /// The enrolment code.
        #[arg(long)]
        code: String,
    },
}

#[derive(Subcommand)]
enum SyncCommand {
    /// Print, as one JSON object, whether the shop is enrolled, how many
    /// events wait to be sent and how the last push went.
    Status,
}

#[derive(Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long)]
    bind: Option<SocketAddr>,
    /// Requests per minute per client IP.
    #[arg(long)]
    rate_limit_per_minute: Option<u32>,
    /// Requests per minute per client IP on sign-in routes.
    #[arg(long)]
    auth_rate_limit_per_minute: Option<u32>,
    /// Commit each write on its own instead of grouping queued writes.
    #[arg(long)]
    no_group_commit: bool,
    /// Serve on a network address even while accounts still have the
    /// published demo logins (prints a warning).
    #[arg(long)]
    allow_demo_on_lan: bool,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff user.
    Add {
        /// Login name.
        name: String,
        /// admin, cashier or kitchen.
        #[arg(long)]
        role: String,
        /// Read the password from standard input.
        #[arg(
            long,
            conflicts_with = "pin_stdin",
            required_unless_present = "pin_stdin"
        )]
        password_stdin: bool,
        /// Read a numeric PIN (4–8 digits) from standard input instead.
        #[arg(long)]
        pin_stdin: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CREMA_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new(
                    "info,refinery_core=warn,tower_http=warn,sqlx=warn",
                )
            }),
        )
        .with_writer(std::io::stderr)
        // Colours only for a person at a terminal: log files and journald get
        // plain text, and every request's span is cheaper to format.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    // These never open the store as the app does (a restore must not;
    // head office has no store of a shop at all).
    match cli.command {
        Command::Hq(args) => return crema::hq::cli::run(args),
        Command::Backup { ref file } => return exit(backup(&cli.data_dir, file)),
        Command::Restore { ref file } => return exit(restore(&cli.data_dir, file)),
        _ => {}
    }
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
    exit(runtime.block_on(run(cli)))
}

fn exit(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn backup(data_dir: &Path, file: &Path) -> Result<(), String> {
    use crema::store::{backup, restore::DirLock};
    let db = data_dir.join(backup::DB_FILE);
    if !db.is_file() {
        return Err(format!("there is no store at {}", db.display()));
    }
    let _lock = DirLock::shared(data_dir).map_err(|e| e.report())?;
    let dest = if file.is_dir() {
        file.join(crema::app::backups::file_name(chrono::Utc::now()))
    } else {
        file.to_path_buf()
    };
    let copy = backup::backup(&db, &dest).map_err(|e| e.report())?;
    println!(
        "backed up {} to {} ({} orders)",
        db.display(),
        dest.display(),
        copy.orders
    );
    Ok(())
}

fn restore(data_dir: &Path, file: &Path) -> Result<(), String> {
    let done = crema::store::restore::restore(data_dir, file, chrono::Utc::now())
        .map_err(|e| e.report())?;
    println!(
        "restored {} to {} ({} orders)",
        file.display(),
        done.db.display(),
        done.verified.orders
    );
    if let Some(kept) = &done.kept {
        println!("the store before it is kept as {}", kept.display());
    }
    let secret_set = Config::load(data_dir, &Overrides::default())
        .map(|c| c.jwt_secret.is_some())
        .unwrap_or(false);
    if !secret_set && !data_dir.join("jwt.secret").exists() {
        eprintln!(
            "note: {} has no jwt.secret: copy the one from the old data directory here \
             before starting, or PIN sign-in fails and PINs must be set again",
            data_dir.display()
        );
    }
    Ok(())
}

async fn run(cli: Cli) -> Result<(), String> {
    let overrides = match &cli.command {
        Command::Serve(a) => Overrides {
            bind: a.bind,
            rate_limit_per_minute: a.rate_limit_per_minute,
            auth_rate_limit_per_minute: a.auth_rate_limit_per_minute,
            group_commit: a.no_group_commit.then_some(false),
            allow_demo_on_lan: a.allow_demo_on_lan.then_some(true),
        },
        _ => Overrides::default(),
    };
    std::fs::create_dir_all(&cli.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", cli.data_dir.display()))?;
    let config = Config::load(&cli.data_dir, &overrides).map_err(|e| e.to_string())?;
    let app = App::open(&cli.data_dir, config).map_err(|e| e.report())?;
    let result = match cli.command {
        Command::Serve(_) => serve(&app).await,
        Command::Demo => demo::load(&app, &Actor::System)
            .await
            .map(|_| println!("demo café loaded into {}", cli.data_dir.display()))
            .map_err(|e| e.message),
        Command::Backup { .. } | Command::Restore { .. } | Command::Hq(_) => Ok(()),
        Command::Shop {
            command: ShopCommand::Enrol { hq, code },
        } => crema::sync::enrol::enrol(&cli.data_dir, &hq, &code)
            .await
            .map(|e| println!("enrolled as {} ({}) at {}", e.name, e.shop_id, e.hq_url))
            .map_err(|e| e.to_string()),
        Command::Sync {
            command: SyncCommand::Status,
        } => crema::app::sync::status(&app, &Actor::System)
            .await
            .map_err(|e| e.message)
            .and_then(|s| serde_json::to_string(&s).map_err(|e| e.to_string()))
            .map(|json| println!("{json}")),
        Command::User {
            command:
                UserCommand::Add {
                    name,
                    role,
                    password_stdin,
                    ..
                },
        } => add_user(&app, &name, &role, password_stdin).await,
    };
    app.shutdown();
    result
}

async fn serve(app: &App) -> Result<(), String> {
    let bind = app.config().bind;
    match demo_guard::check_bind(app, bind)
        .await
        .map_err(|e| e.message)?
    {
        BindDecision::Serve => {}
        BindDecision::Refuse(why) => return Err(why),
        BindDecision::Warn(warning) => {
            tracing::warn!("{warning}");
            eprintln!("\n!!! {warning}\n");
        }
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = out.flush();
    }
    tracing::info!(%addr, data_dir = %app.data_dir().display(), "serving");
    if crema::app::setup::status(app)
        .await
        .map(|s| s.needed)
        .unwrap_or(false)
    {
        // On the console of this machine only: the token is what makes a
        // browser here the operator (a page from elsewhere cannot read it).
        let mut out = std::io::stdout().lock();
        let _ = writeln!(
            out,
            "first run: finish the setup in a browser on this machine: \
             http://127.0.0.1:{port}/setup?token={token}\n  (setup token {token}; \
             or add an admin with `crema user add NAME --role admin --password-stdin`)",
            port = addr.port(),
            token = app.setup_token(),
        );
        let _ = out.flush();
    }
    crema::app::backups::start(app);
    crema::sync::pusher::start(app);
    crema::http::serve(app.clone(), listener, crema::http::shutdown_signal())
        .await
        .map_err(|e| format!("server failed: {e}"))
}

async fn add_user(app: &App, name: &str, role: &str, password: bool) -> Result<(), String> {
    let role: Role = role
        .parse()
        .map_err(|e: crema::domain::DomainError| e.message)?;
    if std::io::stdin().is_terminal() {
        eprint!("{}: ", if password { "password" } else { "PIN" });
    }
    let mut input = String::new();
    std::io::stdin()
        .read_line(&mut input)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let secret = input.trim_end_matches(['\r', '\n']).to_string();
    let credential = if password {
        Credential::Password(secret)
    } else {
        Credential::Pin(secret)
    };
    let user = users::create_staff(app, &Actor::System, name, role, credential)
        .await
        .map_err(|e| e.message)?;
    println!("created {} {} ({})", user.role, user.username, user.id);
    Ok(())
}
