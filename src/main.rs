//! The CRM Card server. Run with `make run` (builds, then starts on http://127.0.0.1:3000 with
//! demo data on SQLite). Settings: `Leptos.toml`, each key overridable by environment (README).

use crm_card::server::{config::Config, demo, http, state::AppState, store};
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CRM_LOG").unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    if let Err(e) = run().await {
        tracing::error!("{e}");
        eprintln!("crm-card: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::load()?;
    let addr = config.socket_addr()?;
    std::fs::create_dir_all(&config.data_dir)
        .map_err(|e| format!("cannot create data directory {}: {e}", config.data_dir.display()))?;
    let url = config.database_url();
    let store = store::Store::connect(&url).await.map_err(|e| format!("database {}: {e}", redact(&url)))?;
    let seeded = demo::prepare(&store, config.demo_data, store::now_ms()).await?;
    demo::check_exposure(&store, addr).await?;

    // cargo-leptos passes these when it runs the server; by hand they default to its layout.
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    let leptos_options = LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "crm-card"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .build();
    crm_card::server::service::spawn_purge(store.clone(), config.recycle_days);
    let state = AppState { leptos_options, store, config: Arc::new(config) };
    let app = http::router(state);

    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("CRM Card is running at http://{addr}  (database: {})", redact(&url));
    if seeded {
        println!("Demo data created. Sign in as:");
        for (email, password, who) in demo::LOGINS {
            println!("  {email:<20} password {password:<6} {who}");
        }
    }
    axum::serve(listener, app.into_make_service()).with_graceful_shutdown(shutdown()).await?;
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
