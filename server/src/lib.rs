//! The Nongdian server: configuration, the content pipeline, the store, the services (by area),
//! background jobs, and the HTTP edge that serves the Leptos app, the no-JavaScript forms and the
//! versioned JSON surface for machine clients.

pub mod config;
pub mod content;
pub mod demo;
pub mod error;
pub mod http;
pub mod jobs;
pub mod keys;
pub mod markdown;
pub mod people;
pub mod services;
pub mod store;

use crate::config::Config;
use crate::error::ServerError;
use crate::keys::{CertificateKeys, DataKey};
use crate::services::accounts::passwords::Passwords;
use crate::services::Services;
use crate::store::Store;

/// Each argon2 hash holds 19 MiB for about a tenth of a second: a handful at once is plenty.
const PASSWORD_HASHES_AT_ONCE: usize = 4;

/// A server ready to serve: its router and the store behind it.
pub struct Prepared {
    pub router: axum::Router,
    pub store: Store,
    pub services: Services,
}

/// Opens the database, imports the course content and loads the keys: the services, without
/// the HTTP edge (the server and the commands that change data both start here).
pub async fn open_services(config: &Config) -> Result<Services, ServerError> {
    let store = Store::open(&config.database_url).await?;
    let report =
        services::authoring::files::import_content_dir(&store, &config.content_dir).await?;
    tracing::info!(?report, "course content imported");
    Ok(Services {
        store,
        passwords: Passwords::new(PASSWORD_HASHES_AT_ONCE),
        data_key: DataKey::load_or_create(&config.key_dir)?,
        signing_key: CertificateKeys::load_or_create(&config.key_dir)?,
        jobs: Default::default(),
        public_url: config.public_url.clone(),
    })
}

/// Opens the services, starts the job runner and builds the router.
pub async fn prepare(config: &Config) -> Result<Prepared, ServerError> {
    let services = open_services(config).await?;
    let store = services.store.clone();
    jobs::refresh_facts::queue_if_needed(&store).await?;
    jobs::spawn_runner(services.clone());
    let router = http::router(config, services.clone());
    Ok(Prepared {
        router,
        store,
        services,
    })
}
