//! `/register` (a learner joins with a class code and their phone number) and
//! `/account/password` (change one's own password; required after a reset). Plain forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::loaded::FormError;
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};
use crate::i18n::{t, Msg};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    view! {
        <Title text=ts(locale, S::Register)/>
        <h1>{ts(locale, S::Register)}</h1>
        <p>{ts(locale, S::RegisterHint)}</p>
        <FormError/>
        <form class="stack" method="post" action="/auth/register">
            <label>{ts(locale, S::JoinCode)}<input name="code" value=code required autocapitalize="characters" autocomplete="off"/></label>
            <label>{ts(locale, S::Name)}<input name="name" required maxlength="30" autocomplete="name"/></label>
            <label>{ts(locale, S::Phone)}<input name="phone" type="tel" inputmode="numeric" required autocomplete="tel"/></label>
            <label>{ts(locale, S::NewPassword)}<input name="password" type="password" required minlength="8" autocomplete="new-password"/></label>
            <button class="button primary" type="submit">{ts(locale, S::Register)}</button>
        </form>
        <p><a href="/sign-in">{t(locale, Msg::SignIn)}</a></p>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=ts(locale, S::ChangePassword)/>
        <h1>{ts(locale, S::ChangePassword)}</h1>
        <p>{ts(locale, S::ChangePasswordHint)}</p>
        <FormError/>
        <form class="stack" method="post" action="/auth/password">
            <label>{ts(locale, S::CurrentPassword)}<input name="current" type="password" required autocomplete="current-password"/></label>
            <label>{ts(locale, S::NewPassword)}<input name="new" type="password" required minlength="8" autocomplete="new-password"/></label>
            <label>{ts(locale, S::ConfirmPassword)}<input name="confirm" type="password" required minlength="8" autocomplete="new-password"/></label>
            <button class="button primary" type="submit">{ts(locale, S::ChangePassword)}</button>
        </form>
    }
}
