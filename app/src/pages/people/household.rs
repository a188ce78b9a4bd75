//! `/households/:id`: one household with its members (identity numbers masked), and
//! `/members/:id/id-number`: one full identity number, which the server audits before sending.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{get_household, reveal_id_number};
use crate::components::loaded::{use_id_param, Loaded};
use crate::components::locale::use_locale;
use crate::i18n::staff::{ts, S};
use crate::i18n::Locale;
use crate::model::{HouseholdDetail, MemberView};

#[component]
pub fn HouseholdPage() -> impl IntoView {
    let locale = use_locale();
    let household = Resource::new(use_id_param(), get_household);
    view! {
        <Loaded resource=household view=move |detail| view! { <HouseholdView detail locale/> }/>
    }
}

#[component]
fn HouseholdView(detail: HouseholdDetail, locale: Locale) -> impl IntoView {
    let h = detail.summary;
    let poverty = match (h.poverty_type, detail.poverty_cause) {
        (Some(kind), Some(cause)) => format!("{kind} · {cause}"),
        _ => ts(locale, S::NotRegisteredPoor).to_string(),
    };
    view! {
        <Title text=h.number.clone()/>
        <h1>{ts(locale, S::HouseholdNumber)} " " {h.number}</h1>
        <p class="meta">{h.village} " · " {poverty}</p>
        <p class="meta">{ts(locale, S::FullIdAudited)}</p>
        <ul class="cards">
            {detail.members.into_iter().map(|m| view! { <MemberCard member=m locale/> }).collect_view()}
        </ul>
    }
}

#[component]
fn MemberCard(member: MemberView, locale: Locale) -> impl IntoView {
    let reveal = member
        .id_masked
        .as_ref()
        .map(|_| format!("/members/{}/id-number", member.id));
    let row =
        |label: S, value: String| view! { <div><dt>{ts(locale, label)}</dt><dd>{value}</dd></div> };
    let account = ts(
        locale,
        if member.account_id.is_some() {
            S::HasAccount
        } else {
            S::NoAccount
        },
    );
    let reset = member.account_id.map(|id| {
        view! {
            <form method="post" action=format!("/accounts/{id}/reset")>
                <button type="submit">{ts(locale, S::ResetPassword)}</button>
            </form>
        }
    });
    view! {
        <li class="card">
            <h2>{member.name} " · " {member.relation}</h2>
            <dl>
                {row(S::Gender, member.gender)}
                {row(S::BirthYear, member.birth_year.map(|y| y.to_string()).unwrap_or_default())}
                {row(S::TargetGroup, member.target_group)}
                {row(S::IdNumber, member.id_masked.unwrap_or_default())}
                {row(S::Phone, member.phone_masked.unwrap_or_default())}
                {row(S::Education, member.education.unwrap_or_default())}
                {row(S::Skills, member.skills.unwrap_or_default())}
                {row(S::Account, account.to_string())}
            </dl>
            {reveal.map(|href| view! { <a href=href rel="nofollow">{ts(locale, S::ShowFullId)}</a> })}
            {reset}
        </li>
    }
}

#[component]
pub fn RevealIdPage() -> impl IntoView {
    let locale = use_locale();
    let revealed = Resource::new(use_id_param(), reveal_id_number);
    view! {
        <Loaded resource=revealed view=move |r| view! {
            <Title text=ts(locale, S::IdNumber)/>
            <h1>{r.name}</h1>
            <p class="big">{ts(locale, S::IdNumber)} " " <strong>{r.id_number}</strong></p>
            <p class="meta">{ts(locale, S::FullIdAudited)}</p>
            <p><a href=format!("/households/{}", r.household_id)>{ts(locale, S::BackToHousehold)}</a></p>
        }/>
    }
}
