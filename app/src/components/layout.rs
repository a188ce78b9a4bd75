//! The frame around every page: header with the app name and the language switch, and the
//! page shown for unknown addresses.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::api::get_viewer;
use crate::codes::Role;
use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::staff::{ts, S};
use crate::i18n::{t, Msg};

#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    // The switch is a plain link to a server route that sets a cookie and comes back here, so it
    // works without JavaScript; `rel=external` keeps the client router from intercepting it.
    let switch_href = move || {
        format!(
            "/lang/{}?next={}",
            locale.other().tag(),
            location.pathname.get()
        )
    };
    let viewer = Resource::new(|| (), |_| get_viewer());
    view! {
        <header class="top">
            <a class="brand" href="/">{t(locale, Msg::AppName)}</a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match viewer.await.ok().flatten() {
                        Some(viewer) => view! {
                            <form class="account" method="post" action="/auth/sign-out">
                                {if viewer.role == Role::Learner {
                                    view! { <a href="/me" rel="external">{t(locale, Msg::MyLearning)}</a> }.into_any()
                                } else {
                                    view! { <a href="/staff" rel="external">{ts(locale, S::StaffHome)}</a> }.into_any()
                                }}
                                <span class="who">{viewer.display_name}</span>
                                <button type="submit">{t(locale, Msg::SignOut)}</button>
                            </form>
                        }.into_any(),
                        None => view! {
                            <a class="account" rel="external" href="/sign-in">{t(locale, Msg::SignIn)}</a>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <a class="lang" rel="external" href=switch_href hreflang=locale.other().tag()>
                {t(locale, Msg::SwitchLanguage)}
            </a>
            // Shown by /offline.js while records made offline wait to be sent (the count is an
            // attribute, so the hydrated page's nodes stay as the server wrote them).
            <p class="waiting" role="status" data-offline-waiting hidden>{t(locale, Msg::WaitingToSend)}</p>
        </header>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t(locale, Msg::NotFound)/>
        <ErrorNotice error=AppError::NotFound/>
    }
}
