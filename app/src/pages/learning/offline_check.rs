//! `/offline/verify`: checking a certificate's QR link with no connection. The service worker
//! keeps this page, `/verify-offline.js`, TweetNaCl and the published key from the first visit,
//! and shows the page for a `/verify/...` link opened offline; the script checks the Ed25519
//! signature of the payload in the link and fills in what the certificate says. The texts are
//! all here (in the reader's language): the script only shows and hides them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::locale::use_locale;
use crate::i18n::{t, Msg};

#[component]
pub fn OfflineCheckPage() -> impl IntoView {
    let locale = use_locale();
    let field = move |label: Msg, name: &'static str| {
        view! { <div><dt>{t(locale, label)}</dt><dd data-field=name></dd></div> }
    };
    view! {
        <Title text=t(locale, Msg::OfflineCheckTitle)/>
        <h1>{t(locale, Msg::OfflineCheckTitle)}</h1>
        <p>{t(locale, Msg::OfflineCheckExplain)}</p>
        <p class="notice">{t(locale, Msg::OfflineCheckRevocation)}</p>
        <noscript><p class="error">{t(locale, Msg::OfflineCheckNeedsScript)}</p></noscript>
        <form class="stack" data-offline-check>
            <label for="check-link">{t(locale, Msg::OfflineCheckLink)}</label>
            <textarea id="check-link" name="link" rows="4" autocomplete="off" spellcheck="false"></textarea>
            <button type="submit" class="button primary">{t(locale, Msg::OfflineCheckButton)}</button>
        </form>
        <section data-check-result aria-live="polite">
            <p class="score" data-check="good" hidden>{t(locale, Msg::SignatureValid)}</p>
            <p class="error" data-check="bad" hidden>{t(locale, Msg::SignatureInvalid)}</p>
            <p class="error" data-check="unreadable" hidden>{t(locale, Msg::OfflineCheckUnreadable)}</p>
            <dl class="card" data-check-fields hidden>
                {field(Msg::Learner, "name")}
                {field(Msg::Course, "course")}
                {field(Msg::IssuedOn, "issued")}
                {field(Msg::IssuedBy, "issuer")}
                {field(Msg::CertificateCode, "code")}
            </dl>
        </section>
        <script src="/vendor/tweetnacl.min.js" defer></script>
        <script src="/verify-offline.js" defer></script>
    }
}
