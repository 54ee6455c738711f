//! The CRM Card server. Run with `make run` (builds, then starts on http://127.0.0.1:3000 with
//! demo data on SQLite). Settings: `Leptos.toml`, each key overridable by environment (README).
//!
//! `crm-card` serves; `crm-card create-admin`, `backup` and `restore` are the operations of
//! docs/OPERATIONS.md (`crm-card help`).

use crm_card::server::{config::Config, demo, http, ops, service, state::AppState, store};
use leptos::prelude::LeptosOptions;
use std::path::PathBuf;
use std::sync::Arc;

const USAGE: &str = "usage:
  crm-card                                   start the server (settings: Leptos.toml, CRM_* variables)
  crm-card create-admin --email EMAIL [--name NAME]
                                             create an administrator; the password is asked for,
                                             or read from the first line of standard input
  crm-card backup FILE                       copy the live SQLite database to FILE, consistently
  crm-card restore FILE                      replace the SQLite database by a backup (server stopped)";

/// What the command line asks for.
enum Command {
    Serve,
    CreateAdmin { email: String, name: Option<String> },
    Backup(PathBuf),
    Restore(PathBuf),
    Help,
}

fn command(args: &[String]) -> Result<Command, String> {
    let flag = |name: &str| -> Result<Option<String>, String> {
        match args.iter().position(|a| a == name) {
            Some(i) => args.get(i + 1).cloned().map(Some).ok_or_else(|| format!("{name} needs a value")),
            None => Ok(None),
        }
    };
    match args.first().map(String::as_str) {
        None | Some("serve") => Ok(Command::Serve),
        Some("help" | "--help" | "-h") => Ok(Command::Help),
        Some("create-admin") => Ok(Command::CreateAdmin {
            email: flag("--email")?.ok_or("create-admin needs --email EMAIL")?,
            name: flag("--name")?,
        }),
        Some("backup") if args.len() == 2 => Ok(Command::Backup(args[1].clone().into())),
        Some("restore") if args.len() == 2 => Ok(Command::Restore(args[1].clone().into())),
        Some(other) => Err(format!("unknown command or arguments: {other}")),
    }
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CRM_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match command(&args) {
        Ok(Command::Serve) => run().await,
        Ok(Command::Help) => {
            println!("{USAGE}");
            Ok(())
        }
        Ok(Command::CreateAdmin { email, name }) => create_admin(&email, name.as_deref()).await,
        Ok(Command::Backup(file)) => backup(&file).await,
        Ok(Command::Restore(file)) => restore(&file).await,
        Err(e) => Err(format!("{e}\n{USAGE}").into()),
    };
    if let Err(e) = result {
        tracing::error!("{e}");
        eprintln!("crm-card: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::load()?;
    let addr = config.socket_addr()?;
    if addr.ip().is_unspecified() && config.public_hosts.trim().is_empty() && config.allowed_origins().is_empty() {
        return Err(format!(
            "listening on {addr} serves other machines, but public_hosts is not set, so only \
             localhost would be answered. Set CRM_PUBLIC_HOSTS to the host names browsers use \
             (e.g. crm.example.com) and start again (docs/OPERATIONS.md)."
        )
        .into());
    }
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create data directory {}: {e}", config.data_dir.display()))?;
    let url = config.database_url();
    let store = store::Store::connect(&url).await.map_err(|e| format!("database {}: {e}", redact(&url)))?;
    let lang = config.lang();
    let seeded = demo::prepare(&store, config.demo_data, lang, store::now_ms()).await?;
    demo::check_exposure(&store, addr).await?;
    let setup = service::setup::offer_setup(&store).await.map_err(|e| e.message())?;

    // cargo-leptos passes these when it runs the server; by hand they default to its layout.
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    let leptos_options = LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "crm-card"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .build();
    crm_card::server::service::spawn_purge(store.clone(), config.recycle_days);
    service::search::spawn_reindexer(store.clone());
    let state = AppState { leptos_options, store, config: Arc::new(config) };
    let app = http::router(state);

    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("CRM Card is running at http://{addr}  (database: {})", redact(&url));
    if let Some(token) = setup {
        println!("No user exists yet. Create the first administrator at");
        println!("  http://{addr}/setup?token={token}");
        println!("or with: crm-card create-admin --email EMAIL");
    }
    if seeded {
        println!("Demo data created. Sign in as:");
        let names = &demo::demo_text(lang).users;
        for ((email, password), name) in demo::LOGINS.iter().zip(names) {
            println!("  {email:<20} password {password:<6} {name}");
        }
    }
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

/// The store of the configured database, brought up to date (catalog installed, no demo data).
async fn open_store() -> Result<(Config, store::Store), Box<dyn std::error::Error>> {
    let config = Config::load()?;
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create data directory {}: {e}", config.data_dir.display()))?;
    let url = config.database_url();
    let store = store::Store::connect(&url).await.map_err(|e| format!("database {}: {e}", redact(&url)))?;
    demo::prepare(&store, false, config.lang(), store::now_ms()).await?;
    Ok((config, store))
}

async fn create_admin(email: &str, name: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let (_, store) = open_store().await?;
    let password = ops::read_password()?;
    let id = service::setup::create_admin(&store, name, email, &password).await.map_err(|e| match e {
        crm_card::error::AppError::Validation { message, fields } => {
            fields.into_iter().map(|f| f.message).next().unwrap_or(message)
        }
        e => e.message(),
    })?;
    store.pool.close().await;
    println!("Created administrator {email} (user {id}). Sign in with it.");
    Ok(())
}

async fn backup(file: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::load()?;
    ops::backup(&config, file).await?;
    println!("Backed up the database to {}", file.display());
    Ok(())
}

async fn restore(file: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::load()?;
    let kept = ops::restore(&config, file).await?;
    let url = config.database_url();
    println!("Restored {} as the database {}.", file.display(), redact(&url));
    if !kept.as_os_str().is_empty() {
        println!("The database it replaced is kept as {}", kept.display());
    }
    Ok(())
}

/// A database URL without its password, for logs.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or_default();
            format!("{}://{user}:***@{}", &url[..s], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    crm_card::server::http::begin_shutdown();
}
