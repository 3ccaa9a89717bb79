//! A real micromegas in one process, wired from the `micromegas` crate's own services the way
//! micromegas' monolith does (ingestion, Flight SQL, maintenance daemon; no web role), so the
//! frame-budget job can be proven against the real server without Docker.
//!
//! Env: `MICROMEGAS_SQL_CONNECTION_STRING` (Postgres) and `MICROMEGAS_OBJECT_STORE_URI` (e.g.
//! `file:///tmp/lake`). Flags:
//!   --ingestion-addr ADDR       HTTP ingestion listen address (default 127.0.0.1:8081)
//!   --flightsql-addr ADDR       Flight SQL listen address (default 127.0.0.1:50051)
//!   --disable-auth              Flight SQL without auth (every caller sees everything)
//!   --mint-analytics-key FILE   add a row to `analytics_api_keys` (the only key source since
//!                               micromegas 0.31) and write the new key to FILE (mode 600)
//! Without --disable-auth, Flight SQL uses micromegas' default auth (the DB key store).
//! Ingestion runs without auth. The server's own telemetry stays local (stderr): no telemetry URL.

use anyhow::{Context, Result, bail};
use micromegas::analytics::lakehouse::lakehouse_context::LakehouseContext;
use micromegas::analytics::lakehouse::session_configurator::NoOpSessionConfigurator;
use micromegas::analytics::lakehouse::view_definition_store::PgViewDefinitionStore;
use micromegas::analytics::lakehouse::view_factory::default_view_factory;
use micromegas::analytics::lakehouse::view_registry::ViewRegistry;
use micromegas::auth::db_api_key::{dedicated_key_store_pool, generate_key, hash_key};
use micromegas::ingestion::data_lake_config::DataLakeConfig;
use micromegas::ingestion::remote_data_lake::connect_to_remote_data_lake;
use micromegas::servers::flight_sql_server::FlightSqlServer;
use micromegas::servers::ingestion::serve_ingestion;
use micromegas::servers::maintenance::daemon;
use micromegas::servers::shutdown::{ShutdownFanout, wait_for_sigterm};
use micromegas::settings::{EnvFallbacks, SettingsSource, settings_cache_ttl};
use micromegas::sqlx;
use micromegas::telemetry_sink::TelemetryGuardBuilder;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;

struct Args {
    ingestion_addr: SocketAddr,
    flightsql_addr: SocketAddr,
    disable_auth: bool,
    mint_key_file: Option<String>,
}

fn parse_args() -> Result<Args> {
    let mut args = Args {
        ingestion_addr: "127.0.0.1:8081".parse()?,
        flightsql_addr: "127.0.0.1:50051".parse()?,
        disable_auth: false,
        mint_key_file: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--ingestion-addr" => args.ingestion_addr = value()?.parse().context("--ingestion-addr")?,
            "--flightsql-addr" => args.flightsql_addr = value()?.parse().context("--flightsql-addr")?,
            "--mint-analytics-key" => args.mint_key_file = Some(value()?),
            "--disable-auth" => args.disable_auth = true,
            other => bail!("unknown flag {other} (see the comment at the top of server/src/main.rs)"),
        }
    }
    Ok(args)
}

/// Adds one analytics API key the way micromegas stores them (SHA-256 of the key, `mmk_` key from
/// micromegas-auth's generator) and writes the key itself to `file`, readable by its owner only.
async fn mint_analytics_key(pool: &sqlx::PgPool, file: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let key = generate_key();
    sqlx::query(
        "INSERT INTO analytics_api_keys (key_id, key_hash, name, created_at, created_by) \
         VALUES (gen_random_uuid(), $1, 'frame-budgets nightly job', now(), 'real-micromegas')",
    )
    .bind(hash_key(&key).to_vec())
    .execute(pool)
    .await
    .context("inserting into analytics_api_keys")?;
    let mut out = std::fs::OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(file)
        .with_context(|| format!("writing the key file {file}"))?;
    writeln!(out, "{key}")?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = parse_args()?;
    let _telemetry = TelemetryGuardBuilder::default()
        .with_system_metrics_enabled(false)
        .build()?;
    let grace = Duration::from_secs(2);

    let cfg = DataLakeConfig::from_env()?;
    let lake = connect_to_remote_data_lake(&cfg.sql_connection_string, &cfg.object_store_uri)
        .await
        .context("connecting to the data lake (migrate_db)")?;
    let lakehouse = LakehouseContext::from_connection(Arc::new(lake))
        .await
        .context("building the LakehouseContext (migrate_lakehouse)")?;
    let pool = lakehouse.lake().db_pool.clone();
    if let Some(file) = &args.mint_key_file {
        mint_analytics_key(&pool, file).await?;
    }

    let fanout = ShutdownFanout::new(async {
        tokio::select! {
            _ = wait_for_sigterm() => {}
            _ = tokio::signal::ctrl_c() => {}
        }
    });
    let mut roles: JoinSet<Result<()>> = JoinSet::new();

    let lake = lakehouse.lake().as_ref().clone();
    roles.spawn(serve_ingestion(args.ingestion_addr, lake, None, fanout.subscribe(), grace));

    let mut flightsql = FlightSqlServer::builder()
        .with_lakehouse(lakehouse.clone())
        .with_listen_addr(args.flightsql_addr)
        .with_shutdown(fanout.subscribe())
        .with_shutdown_grace(grace);
    if !args.disable_auth {
        flightsql = flightsql.with_default_auth();
    }
    roles.spawn(flightsql.build_and_serve());

    let base_views = Arc::new(
        default_view_factory(lakehouse.runtime().clone(), lakehouse.lake().clone(), lakehouse.default_audience())
            .await?,
    );
    let registry = Arc::new(ViewRegistry::new(
        base_views,
        Arc::new(PgViewDefinitionStore::new(pool.clone())),
        lakehouse.runtime().clone(),
        lakehouse.lake().clone(),
        Arc::new(NoOpSessionConfigurator),
    ));
    let settings = Arc::new(SettingsSource::new(
        EnvFallbacks::from_env()?,
        dedicated_key_store_pool(&pool),
        settings_cache_ttl(),
    ));
    roles.spawn(daemon(lakehouse, registry, settings, fanout.subscribe(), grace));

    eprintln!(
        "real-micromegas: ingestion on http://{}, Flight SQL on grpc://{} (auth {})",
        args.ingestion_addr,
        args.flightsql_addr,
        if args.disable_auth { "disabled" } else { "by analytics API key" }
    );
    while let Some(done) = roles.join_next().await {
        if let Err(e) = done.context("a role panicked")? {
            roles.abort_all();
            return Err(e);
        }
    }
    Ok(())
}
