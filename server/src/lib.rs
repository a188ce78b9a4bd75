//! The Nongdian server: configuration, content pipeline, store, services and the HTTP router
//! that serves the Leptos app.

pub mod auth;
pub mod config;
pub mod content;
pub mod error;
pub mod http;
pub mod keys;
pub mod markdown;
pub mod people;
pub mod services;
pub mod store;

use crate::auth::password::Passwords;
use crate::config::Config;
use crate::error::ServerError;
use crate::keys::{CertificateKey, DataKey};
use crate::services::Services;
use crate::store::Store;

/// Each argon2 hash holds 19 MiB for about a tenth of a second: a handful at once is plenty.
const PASSWORD_HASHES_AT_ONCE: usize = 4;

/// A server ready to serve: its router and the store behind it.
pub struct Prepared {
    pub router: axum::Router,
    pub store: Store,
}

/// Opens the database, imports the course content and builds the router.
pub async fn prepare(config: &Config) -> Result<Prepared, ServerError> {
    let tree = content::load(&config.content_dir).map_err(ServerError::Content)?;
    let store = Store::open(&config.database_url).await?;
    let report = store.import_content(&tree).await?;
    tracing::info!(?report, "course content imported");
    let services = Services {
        store: store.clone(),
        passwords: Passwords::new(PASSWORD_HASHES_AT_ONCE),
        keys: DataKey::load_or_create(&config.key_dir)?,
        certificates: CertificateKey::load_or_create(&config.key_dir)?,
        imports: Default::default(),
        public_url: config.public_url.clone(),
    };
    let router = http::router(config, services);
    Ok(Prepared { router, store })
}
