//! The pattern every data page shares: wait for a resource on the server (so the page arrives
//! complete without JavaScript), then show it or the error with the matching HTTP status.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::error::AppError;
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

/// The message a form handler sent back in `?error=…`, shown above the form.
#[component]
pub fn FormError() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .read()
            .get("error")
            .map(|message| view! { <p class="error" role="alert">{message}</p> })
    }
}

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
