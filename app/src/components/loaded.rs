//! The pattern every data page shares: wait for a resource on the server (so the page arrives
//! complete without JavaScript), then show it or the error with the matching HTTP status.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::problems::Problem;
use crate::i18n::{t, Msg};

#[component]
pub fn Loaded<T, F, V>(resource: Resource<Result<T, AppError>>, view: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p>{t(locale, Msg::Loading)}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => view(value).into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The one-time message a form handler left for this page (a signed flash cookie the server
/// read and cleared), shown above the form. It is a typed `Problem`, so no link can put text here.
#[component]
pub fn FormError() -> impl IntoView {
    let locale = use_locale();
    // A resource, so the browser hydrates with what the server read instead of reading again.
    let flash = Resource::new(|| (), |_| async { request_flash() });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                flash.await.map(|problem| view! { <p class="error" role="alert">{problem.text(locale)}</p> })
            })}
        </Suspense>
    }
}

/// The flash the server found for this request (see `Flash`).
fn request_flash() -> Option<Problem> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Flash>().map(|f| f.0.clone()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// A form's message for the page it returns to, put into the request by the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flash(pub Problem);

/// The page's numeric `:id` route parameter (0 when missing or not a number: no such record).
pub fn use_id_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    }
}
