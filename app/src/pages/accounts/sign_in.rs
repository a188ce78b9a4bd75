//! `/sign-in`: a plain form posted to the server, so it works on any phone with JavaScript off.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::loaded::FormError;
use crate::components::locale::use_locale;
use crate::i18n::{t, Msg};

#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text=t(locale, Msg::SignIn)/>
        <h1>{t(locale, Msg::SignIn)}</h1>
        <FormError/>
        <form class="sign-in" method="post" action="/auth/sign-in">
            <input type="hidden" name="next" value=next/>
            <label>
                {t(locale, Msg::LoginLabel)}
                <input name="login" autocomplete="username" required/>
            </label>
            <label>
                {t(locale, Msg::PasswordLabel)}
                <input name="password" type="password" autocomplete="current-password" required/>
            </label>
            <label class="check">
                <input type="checkbox" name="shared" value="1"/>
                {t(locale, Msg::SharedComputer)}
            </label>
            <button type="submit" class="button primary">{t(locale, Msg::SignIn)}</button>
        </form>
        <p class="meta">{t(locale, Msg::SignInHint)}</p>
    }
}
