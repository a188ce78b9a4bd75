//! `/offline`: what a learner's phone shows when a page was not saved and there is no
//! connection, and after something was done offline. The service worker (`/sw.js`) keeps this
//! page from the first visit; `/offline.js` shows the parts marked `data-offline-*`.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::locale::use_locale;
use crate::i18n::{t, Msg};

#[component]
pub fn OfflinePage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=t(locale, Msg::OfflineTitle)/>
        <h1>{t(locale, Msg::OfflineTitle)}</h1>
        <p class="notice" role="status" data-offline-queued hidden>{t(locale, Msg::OfflineSaved)}</p>
        <p>{t(locale, Msg::OfflineExplain)}</p>
        <p><a class="button" href="/me" rel="external">{t(locale, Msg::MyLearning)}</a></p>
    }
}
