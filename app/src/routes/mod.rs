//! The pages, one module per route (staff pages under `staff`).

pub mod account;
pub mod catalogue;
pub mod course;
#[cfg(feature = "ssr")]
pub mod learning;
pub mod lesson;
pub mod module_test;
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod staff;

/// Staff pages, the learner's home and the certificate pages render on the server and are never
/// hydrated: they are plain pages and forms, and
/// leaving their code out of the wasm spares every learner's download. Links to them from
/// hydrated pages carry `rel="external"` so the client router leaves them to the browser.
pub const SERVER_ONLY_PREFIXES: [&str; 9] = [
    "/staff",
    "/households",
    "/members/",
    "/imports/",
    "/classes",
    "/sheets/",
    "/me",
    "/certificates/",
    "/verify/",
];

/// Whether the page at `path` is one of the server-only pages.
pub fn is_server_only(path: &str) -> bool {
    SERVER_ONLY_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// The staff pages' routes (server build) or a stand-in that never matches (browser build).
#[cfg(feature = "ssr")]
pub use staff::StaffRoutes;

#[cfg(not(feature = "ssr"))]
#[leptos::component(transparent)]
pub fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos::prelude::*;
    use leptos_router::components::Route;
    use leptos_router::path;
    view! { <Route path=path!("/server-rendered-staff-pages") view=|| ()/> }.into_inner()
}
