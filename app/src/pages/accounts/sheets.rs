//! `/sheets/:id`: the printable sheet of one-time passwords, for the staff member who made it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::get_password_sheet;
use crate::components::loaded::Loaded;
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};
use crate::i18n::{t, Msg};

#[component]
pub fn SheetPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let sheet = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_password_sheet,
    );
    view! {
        <Title text=ts(locale, S::Sheet)/>
        <Loaded resource=sheet view=move |sheet| view! {
            <h1>{ts(locale, S::Sheet)}</h1>
            <p class="meta no-print">{ts(locale, S::SheetHint)}</p>
            <ul class="sheet">
                {sheet.lines.into_iter().map(|line| view! {
                    <li>
                        <strong>{line.name}</strong>
                        {match line.already_has_account {
                            true => view! { <span>{ts(locale, S::AlreadyHasAccount)}</span> }.into_any(),
                            false => view! {
                                <span>{t(locale, Msg::LoginLabel)} ": " <code>{line.login}</code></span>
                                <span>{t(locale, Msg::PasswordLabel)} ": " <code>{line.password}</code></span>
                            }.into_any(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
            <form class="no-print" method="post" action=format!("/sheets/{}/discard", sheet.id)>
                <button class="button" type="submit">{ts(locale, S::Printed)}</button>
            </form>
        }/>
    }
}
