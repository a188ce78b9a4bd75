//! The Leptos surface: the options the app is served with and what every page render gets in its
//! context (the backend, and the response's CSP nonce for the hydration scripts).

use app::backend::SharedBackend;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;

use super::headers::CspNonce;
use crate::config::Config;

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("nongdian")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

/// What a page render (or a server function) finds in its context.
pub fn provide_render_context(backend: &SharedBackend) {
    provide_context(backend.clone());
    let nonce = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}
