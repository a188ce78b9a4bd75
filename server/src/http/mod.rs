//! The HTTP surface: the Leptos pages and server functions, plus the few plain routes that must
//! work without JavaScript (language switch) or serve files (content pictures), and the headers
//! every response carries.

mod auth;
mod files;
mod forms;
mod headers;
mod lang;
mod learning;
mod media;
mod quiz;

use std::path::PathBuf;

use std::sync::Arc;

use app::backend::SharedBackend;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;

use crate::config::Config;
use crate::services::imports::MAX_FILE_BYTES;
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

/// Hands the response's CSP nonce to Leptos, which puts it on the hydration scripts.
fn provide_request_nonce() {
    let nonce = leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<headers::CspNonce>().cloned());
    if let Some(nonce) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

/// The routes that are not Leptos pages or server functions: (method, path, handler). The
/// authorization test reads the same list, so a new route cannot escape it.
fn plain_routes() -> Vec<(&'static str, &'static str, MethodRouter<AppState>)> {
    // The upload limit leaves room for the form's other fields.
    let upload =
        post(files::import_households).layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024));
    vec![
        ("GET", "/lang/{tag}", get(lang::switch)),
        ("GET", "/media/{*path}", get(media::serve)),
        ("GET", "/healthz", get(|| async { "ok" })),
        ("POST", "/auth/sign-in", post(auth::sign_in)),
        ("POST", "/auth/sign-out", post(auth::sign_out)),
        ("POST", "/auth/register", post(forms::register)),
        ("POST", "/quiz", post(quiz::submit)),
        ("POST", "/auth/password", post(forms::change_password)),
        ("POST", "/staff/regions", post(forms::create_region)),
        ("POST", "/staff/regions/import", post(files::import_regions)),
        ("POST", "/staff/users", post(forms::create_staff)),
        ("POST", "/accounts/{id}/reset", post(forms::reset_password)),
        ("POST", "/accounts/bulk", post(forms::bulk_accounts)),
        ("POST", "/sheets/{id}/discard", post(forms::discard_sheet)),
        ("POST", "/classes", post(forms::create_class)),
        ("POST", "/households/import", upload),
        (
            "GET",
            "/households/export.csv",
            get(files::export_households),
        ),
        (
            "POST",
            "/learning/lessons/{id}/complete",
            post(learning::complete_lesson),
        ),
        (
            "POST",
            "/certificates/{code}/revoke",
            post(learning::revoke_certificate),
        ),
        (
            "GET",
            "/certificates/{code}/badge.json",
            get(learning::badge),
        ),
        (
            "GET",
            "/.well-known/nongdian-certificate-key.json",
            get(learning::certificate_key),
        ),
    ]
}

/// Method and path of every plain route, for the authorization test.
pub fn plain_route_list() -> Vec<(&'static str, &'static str)> {
    plain_routes()
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect()
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
    let mut router = Router::new();
    for (_, path, handler) in plain_routes() {
        router = router.route(path, handler);
    }
    router
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(backend.clone());
                provide_request_nonce();
            },
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
