//! The HTTP edge, split by surface: Leptos pages and server functions (`pages`), no-JavaScript
//! form posts and file transfers, one file per area (`forms`), and the versioned JSON surface for
//! machine clients (`sync`). Around them: the middleware (tracing, the acting user, same-origin,
//! flash messages), security headers, the language switch and content pictures.

mod client;
mod cookies;
mod forms;
mod headers;
pub mod lang;
mod media;
mod middleware;
mod page_cache;
mod pages;
mod respond;
mod sync;

use std::sync::Arc;

use app::backend::SharedBackend;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

use crate::config::Config;
use crate::services::people::imports::MAX_FILE_BYTES;
use crate::services::Services;

/// The largest body any form, server function or sync call may send: far above any real form,
/// far below what could tie up memory. Larger bodies are answered 413 before a handler reads them.
pub const BODY_LIMIT: usize = 64 * 1024;
/// A province's region list (every village) is a few hundred kilobytes.
const REGION_FILE_LIMIT: usize = 2 * 1024 * 1024;
/// A whole course as a zip (the real one is under 1 MB, pictures included).
const COURSE_ZIP_LIMIT: usize = 20 * 1024 * 1024;

type Route = (&'static str, &'static str, MethodRouter<AppState>);

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    pub session_cookie: cookies::SessionCookie,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The routes that are not Leptos pages or server functions: (method, path, handler). The
/// authorization test reads the same list, so a new route cannot escape it.
fn plain_routes() -> Vec<Route> {
    use forms::{accounts, authoring, classes, learning, people, reports};
    vec![
        ("GET", "/lang/{tag}", get(lang::switch)),
        ("GET", "/media/{*path}", get(media::serve)),
        ("GET", "/healthz", get(|| async { "ok" })),
        ("POST", "/auth/sign-in", post(accounts::sign_in)),
        ("POST", "/auth/sign-out", post(accounts::sign_out)),
        ("POST", "/auth/register", post(accounts::register)),
        ("POST", "/auth/password", post(accounts::change_password)),
        ("POST", "/staff/users", post(accounts::create_staff)),
        (
            "POST",
            "/accounts/{id}/reset",
            post(accounts::reset_password),
        ),
        ("POST", "/accounts/bulk", post(accounts::bulk_accounts)),
        (
            "POST",
            "/sheets/{id}/discard",
            post(accounts::discard_sheet),
        ),
        ("POST", "/staff/regions", post(people::create_region)),
        ("POST", "/author", post(authoring::create_course)),
        ("POST", "/author/{id}/publish", post(authoring::publish)),
        ("POST", "/author/{id}/discard", post(authoring::discard)),
        (
            "POST",
            "/author/{id}/versions/{number}/rollback",
            post(authoring::roll_back),
        ),
        ("POST", "/author/{id}/editors", post(authoring::grant)),
        ("GET", "/author/{id}/export.zip", get(authoring::export_zip)),
        ("POST", "/classes", post(people::create_class)),
        ("POST", "/classes/{id}/members", post(classes::enrol)),
        ("POST", "/classes/{id}/trainers", post(classes::add_trainer)),
        (
            "POST",
            "/classes/{id}/attendance",
            post(classes::record_attendance),
        ),
        (
            "GET",
            "/classes/{id}/progress.csv",
            get(classes::progress_csv),
        ),
        (
            "GET",
            "/classes/{id}/progress.xlsx",
            get(classes::progress_xlsx),
        ),
        (
            "GET",
            "/households/export.csv",
            get(people::export_households),
        ),
        ("POST", "/quiz", post(learning::submit_quiz)),
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
        ("POST", "/outcomes", post(reports::report_own)),
        ("POST", "/learners/{id}/outcomes", post(reports::report_for)),
        ("POST", "/outcomes/{id}/confirm", post(reports::confirm)),
        ("POST", "/follow-ups/{id}", post(reports::record_contact)),
        ("GET", "/reports/export.csv", get(reports::export_csv)),
        ("GET", "/reports/export.xlsx", get(reports::export_xlsx)),
        ("GET", "/sync/v1/status", get(sync::v1::status)),
        ("POST", "/sync/v1/progress", post(sync::v1::progress)),
    ]
}

/// The file uploads: the only routes whose bodies may be larger than [`BODY_LIMIT`]. The limit
/// leaves room for the form's other fields.
fn upload_routes() -> Vec<Route> {
    use forms::{authoring, people};
    let limit = |max: usize| (DefaultBodyLimit::max(max), RequestBodyLimitLayer::new(max));
    let households = MAX_FILE_BYTES + BODY_LIMIT;
    // A lesson at the size limit, form-encoded (a Chinese character takes 9 bytes).
    let lesson = 3 * crate::content::limits::MAX_SOURCE_BYTES + BODY_LIMIT;
    let picture = crate::content::pictures::MAX_INPUT_BYTES + BODY_LIMIT;
    vec![
        (
            "POST",
            "/author/{id}/draft",
            post(authoring::save_draft).layer(limit(lesson)),
        ),
        (
            "POST",
            "/author/{id}/pictures",
            post(authoring::add_picture).layer(limit(picture)),
        ),
        (
            "POST",
            "/author/{id}/import",
            post(authoring::import_zip).layer(limit(COURSE_ZIP_LIMIT)),
        ),
        (
            "POST",
            "/staff/regions/import",
            post(people::import_regions).layer(limit(REGION_FILE_LIMIT)),
        ),
        (
            "POST",
            "/households/import",
            post(people::import_households).layer(limit(households)),
        ),
    ]
}

/// Method and path of every plain route, for the authorization test.
pub fn plain_route_list() -> Vec<(&'static str, &'static str)> {
    plain_routes()
        .into_iter()
        .chain(upload_routes())
        .map(|(method, path, _)| (method, path))
        .collect()
}

/// The whole application router.
pub fn router(config: &Config, services: Services) -> Router {
    let backend: SharedBackend = Arc::new(services.clone());
    let state = AppState {
        leptos_options: pages::leptos_options(config),
        services,
        trusted_proxies: config.trusted_proxies.clone().into(),
        session_cookie: cookies::SessionCookie::for_public_url(&config.public_url),
    };
    let routes = generate_route_list(app::App);
    let options = state.leptos_options.clone();
    let mut router = Router::new();
    for (_, path, handler) in plain_routes() {
        router = router.route(path, handler);
    }
    let trace = TraceLayer::new_for_http()
        .make_span_with(middleware::request_span)
        .on_response(DefaultOnResponse::new().latency_unit(LatencyUnit::Millis));
    let mut uploads = Router::new();
    for (_, path, handler) in upload_routes() {
        uploads = uploads.route(path, handler);
    }
    router
        .leptos_routes_with_context(
            &state,
            routes,
            move || pages::provide_render_context(&backend),
            move || app::shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(
            app::shell,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(uploads)
        // Pages, forms and server functions need the acting user; static files (the fallback) do not.
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::resolve_actor,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::flash,
        ))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            client::client_address,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::same_origin,
        ))
        .layer(CompressionLayer::new().gzip(true))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(page_cache::PageCache::new(state.services.store.clone())),
            page_cache::serve,
        ))
        .layer(trace)
        .layer(axum::middleware::from_fn(headers::security_headers))
        .with_state(state)
}
