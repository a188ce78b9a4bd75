//! `/staff/regions`: the county → township → village tree, and (for admins) the form to add one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::get_regions;
use crate::codes::RegionLevel;
use crate::components::loaded::{FormError, Loaded};
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};
use crate::i18n::Locale;
use crate::model::RegionItem;

#[component]
pub fn RegionsPage() -> impl IntoView {
    let locale = use_locale();
    let regions = Resource::new(|| (), |_| get_regions());
    view! {
        <Title text=ts(locale, S::Regions)/>
        <h1>{ts(locale, S::Regions)}</h1>
        <FormError/>
        <Loaded resource=regions view=move |regions| view! {
            <ul class="tree">
                {regions.iter().filter(|r| r.parent_id.is_none()).map(|r| branch(r, &regions, locale)).collect_view()}
            </ul>
            <RegionForm regions locale/>
            <form class="stack" method="post" action="/staff/regions/import" enctype="multipart/form-data">
                <h2>{ts(locale, S::ImportRegions)}</h2>
                <p class="meta">{ts(locale, S::ImportRegionsHint)}</p>
                <label>{ts(locale, S::File)}<input type="file" name="file" accept=".csv,text/csv" required/></label>
                <button class="button primary" type="submit">{ts(locale, S::StartImport)}</button>
            </form>
        }/>
    }
}

fn branch(region: &RegionItem, all: &[RegionItem], locale: Locale) -> AnyView {
    let children: Vec<AnyView> = all
        .iter()
        .filter(|r| r.parent_id == Some(region.id))
        .map(|r| branch(r, all, locale))
        .collect();
    let code = region.code.clone().unwrap_or_default();
    view! {
        <li>
            <span>{region.name.clone()}</span> " " <span class="meta">{level_label(locale, region.level)} " " {code}</span>
            {(!children.is_empty()).then(|| view! { <ul>{children}</ul> })}
        </li>
    }
    .into_any()
}

pub fn level_label(locale: Locale, level: RegionLevel) -> &'static str {
    ts(
        locale,
        match level {
            RegionLevel::County => S::County,
            RegionLevel::Township => S::Township,
            RegionLevel::Village => S::Village,
        },
    )
}

#[component]
fn RegionForm(regions: Vec<RegionItem>, locale: Locale) -> impl IntoView {
    view! {
        <form class="stack" method="post" action="/staff/regions">
            <h2>{ts(locale, S::Create)}</h2>
            <label>{ts(locale, S::Level)}
                <select name="level">
                    {RegionLevel::ALL.iter().map(|l| view! { <option value=l.code()>{level_label(locale, *l)}</option> }).collect_view()}
                </select>
            </label>
            <label>{ts(locale, S::Parent)}
                <select name="parent_id">
                    <option value="">"—"</option>
                    {regions.into_iter().filter(|r| r.level != RegionLevel::Village).map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
                </select>
            </label>
            <label>{ts(locale, S::RegionName)}<input name="name" required maxlength="40"/></label>
            <label>{ts(locale, S::Code)}<input name="code" inputmode="numeric" maxlength="12"/></label>
            <button class="button primary" type="submit">{ts(locale, S::Create)}</button>
        </form>
    }
}
