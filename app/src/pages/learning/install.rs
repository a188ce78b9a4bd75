//! `/install`: how to put Nongdian on the phone's home screen. Browsers that offer installing
//! (Chrome, Edge, Samsung Internet) get a button, shown by `/offline.js` when the browser says it
//! can; the browsers Chinese phones ship with get the steps through their menu, and a page opened
//! inside WeChat first says how to leave it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::locale::use_locale;
use crate::i18n::install::{ti, I};

#[component]
pub fn InstallPage() -> impl IntoView {
    let locale = use_locale();
    let steps = [
        I::StepOpen,
        I::StepMenu,
        I::StepAdd,
        I::StepPermission,
        I::StepOpenIcon,
    ];
    view! {
        <Title text=ti(locale, I::Title)/>
        <h1>{ti(locale, I::Title)}</h1>
        <p>{ti(locale, I::Intro)}</p>
        {in_wechat().then(|| view! { <p class="notice" role="status">{ti(locale, I::InWeChat)}</p> })}
        <p data-install hidden>
            <button type="button" class="button primary" data-install-button>{ti(locale, I::InstallNow)}</button>
        </p>
        <h2>{ti(locale, I::Steps)}</h2>
        <ol class="steps">
            {steps.into_iter().map(|step| view! { <li>{ti(locale, step)}</li> }).collect_view()}
        </ol>
    }
}

/// Whether the page was asked for by WeChat's built-in browser (its user agent says
/// `MicroMessenger`).
fn in_wechat() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::USER_AGENT).cloned())
        .and_then(|agent| agent.to_str().ok().map(|a| a.contains("MicroMessenger")))
        .unwrap_or(false)
}
