//! The HTTP surface: the Leptos pages and server functions, plus the few plain routes that must
//! work without JavaScript (language switch) or serve files (content pictures), and the headers
//! every response carries.

mod auth;
mod headers;
mod lang;
mod media;

use std::path::PathBuf;

use std::sync::Arc;

use app::backend::SharedBackend;
use axum::extract::FromRef;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;

use crate::config::Config;
use crate::services::Services;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub content_dir: PathBuf,
    pub services: Services,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("nongdian")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

/// The whole application router.
pub fn router(config: &Config, services: Services) -> Router {
    let backend: SharedBackend = Arc::new(services.clone());
    let state = AppState {
        leptos_options: leptos_options(config),
        content_dir: config.content_dir.clone(),
        services,
    };
    let routes = generate_route_list(app::App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/lang/{tag}", get(lang::switch))
        .route("/media/{*path}", get(media::serve))
        .route("/healthz", get(|| async { "ok" }))
        .route("/auth/sign-in", post(auth::sign_in))
        .route("/auth/sign-out", post(auth::sign_out))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(backend.clone()),
            move || app::shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            app::shell,
        ))
        // Pages, forms and server functions need the acting user; static files (the fallback) do not.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::resolve_actor,
        ))
        .layer(axum::middleware::from_fn(auth::same_origin))
        .layer(CompressionLayer::new().gzip(true))
        .layer(axum::middleware::from_fn(headers::security_headers))
        .with_state(state)
}
