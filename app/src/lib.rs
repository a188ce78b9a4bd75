//! The Nongdian web application: routes, pages and components rendered on the server and hydrated
//! in the browser, the shared data types, the i18n layer and the thin server functions.

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod codes;
pub mod components;
pub mod dates;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod urls;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::{Header, NotFound};
use crate::i18n::{t, Msg};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = components::locale::request_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1b5e20"/>
                {(!pages::has_own_description(&locale_free_path())).then(|| view! {
                    <meta name="description" content=t(locale, Msg::Tagline)/>
                })}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <script src="/offline.js" defer></script>
                {hydrated(locale_free_path()).then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The path of the request being rendered (server) or of the page (browser).
fn locale_free_path() -> String {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| parts.uri.path().to_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// Whether the page at `path` loads the wasm bundle: only pages with islands do.
fn hydrated(path: String) -> bool {
    pages::has_islands(&path)
}

/// The application: the header and every page. Every route renders fully on the server
/// (`SsrMode::Async`) so that a phone with JavaScript off gets the whole page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = components::locale::request_locale();
    provide_context(locale);
    let app_name = t(locale, Msg::AppName);
    view! {
        <Stylesheet id="leptos" href="/pkg/nongdian.css"/>
        <Title formatter=move |page: String| if page.is_empty() { app_name.to_string() } else { format!("{page} · {app_name}") }/>
        <Router>
            <a class="skip" href="#main">{t(locale, Msg::SkipToContent)}</a>
            <Header/>
            <main id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("") view=pages::learning::catalogue::CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/courses/:id") view=pages::learning::course::CoursePage ssr=SsrMode::Async/>
                    <Route path=path!("/lessons/:id") view=pages::learning::lesson::LessonPage ssr=SsrMode::Async/>
                    <Route path=path!("/modules/:id/test") view=pages::learning::module_test::ModuleTestPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=pages::accounts::sign_in::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/register") view=pages::accounts::account::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=pages::accounts::account::PasswordPage ssr=SsrMode::Async/>
                    <pages::ServerOnlyRoutes/>
                </Routes>
            </main>
        </Router>
    }
}

/// Entry point of the wasm module: attaches behaviour to the islands of the server-rendered page
/// (the rest of the page stays as the server wrote it).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
