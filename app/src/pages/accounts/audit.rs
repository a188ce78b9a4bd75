//! `/staff/audit`: the audit log, newest first and seek-paged (admins: all; offices: their
//! region).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_audit_log;
use crate::components::loaded::Loaded;
use crate::components::locale::use_locale;
use crate::dates::beijing_minute;
use crate::i18n::staff::{ts, S};

#[component]
pub fn AuditPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let before = move || query.read().get("before").and_then(|p| p.parse().ok());
    let entries = Resource::new(before, get_audit_log);
    view! {
        <Title text=ts(locale, S::AuditLog)/>
        <h1>{ts(locale, S::AuditLog)}</h1>
        <Loaded resource=entries view=move |page| view! {
            <table class="data">
                <thead><tr><th>{ts(locale, S::When)}</th><th>{ts(locale, S::Who)}</th><th>{ts(locale, S::Action)}</th><th>{ts(locale, S::Target)}</th><th>{ts(locale, S::Region)}</th><th>{ts(locale, S::Detail)}</th><th>{ts(locale, S::Address)}</th></tr></thead>
                <tbody>
                    {page.entries.into_iter().map(|e| view! {
                        <tr><td>{beijing_minute(e.at)}</td><td>{e.actor.unwrap_or_default()}</td><td>{e.action.code()}</td><td>{e.target}</td><td>{e.region.unwrap_or_default()}</td><td>{e.detail}</td><td>{e.address}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="pager">
                <a href="/staff/audit">{ts(locale, S::FirstPage)}</a>
                " "
                {page.next.map(|before| view! { <a href=format!("/staff/audit?before={before}")>{ts(locale, S::NextPage)}</a> })}
            </p>
        }/>
    }
}
