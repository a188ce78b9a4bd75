//! `/households`: an office's households, searchable and paged (by number, seek paging), with export and bulk accounts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::get_households;
use crate::components::loaded::{FormError, Loaded};
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};
use crate::i18n::Locale;
use crate::model::HouseholdList;
use crate::urls::url_encode;

#[component]
pub fn HouseholdsPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let households = Resource::new(
        move || {
            let q = query.read();
            (q.get("q").unwrap_or_default(), q.get("after"))
        },
        |(search, after)| get_households(search, after),
    );
    view! {
        <Title text=ts(locale, S::Households)/>
        <h1>{ts(locale, S::Households)}</h1>
        <FormError/>
        <p class="actions">
            <a class="button" href="/households/import">{ts(locale, S::ImportHouseholds)}</a>
            <a class="button" rel="external" href="/households/export.csv">{ts(locale, S::ExportHouseholds)} " (UTF-8)"</a>
            <a class="button" rel="external" href="/households/export.csv?encoding=gbk">{ts(locale, S::ExportHouseholds)} " (GBK)"</a>
        </p>
        <p class="meta">{ts(locale, S::ExportHint)}</p>
        <Loaded resource=households view=move |list| view! { <HouseholdTable list locale/> }/>
        <BulkForm locale class_id=None/>
    }
}

#[component]
fn HouseholdTable(list: HouseholdList, locale: Locale) -> impl IntoView {
    let search = url_encode(&list.search);
    let first = format!("/households?q={search}");
    let next = list
        .next
        .map(|after| format!("{first}&after={}", url_encode(&after)));
    view! {
        <form class="search" method="get" action="/households">
            <input name="q" value=list.search.clone() aria-label=ts(locale, S::Search)/>
            <button type="submit">{ts(locale, S::Search)}</button>
        </form>
        {list.households.is_empty().then(|| view! { <p>{ts(locale, S::NoneFound)}</p> })}
        <table class="data">
            <thead><tr><th>{ts(locale, S::HouseholdNumber)}</th><th>{ts(locale, S::Village)}</th><th>{ts(locale, S::Head)}</th><th>{ts(locale, S::Members)}</th><th>{ts(locale, S::PovertyType)}</th></tr></thead>
            <tbody>
                {list.households.into_iter().map(|h| view! {
                    <tr>
                        <td><a href=format!("/households/{}", h.id)>{h.number}</a></td>
                        <td>{h.village}</td><td>{h.head.unwrap_or_default()}</td><td>{h.members}</td>
                        <td>{h.poverty_type.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <p class="pager">
            <a href=first>{ts(locale, S::FirstPage)}</a>
            " "
            {next.map(|href| view! { <a href=href>{ts(locale, S::NextPage)}</a> })}
        </p>
    }
}

/// Creates learner accounts for the members of the given households (and, for a trainer, puts
/// them into the class).
#[component]
pub fn BulkForm(locale: Locale, class_id: Option<i64>) -> impl IntoView {
    view! {
        <form class="stack" method="post" action="/accounts/bulk">
            <h2>{ts(locale, S::BulkAccounts)}</h2>
            <p class="meta">{ts(locale, S::BulkHint)}</p>
            {class_id.map(|id| view! { <input type="hidden" name="class_id" value=id.to_string()/> })}
            <label>{ts(locale, S::HouseholdNumber)}<textarea name="households" rows="3" required></textarea></label>
            <button class="button primary" type="submit">{ts(locale, S::Create)}</button>
        </form>
    }
}
