//! `/staff/learners`: every learner of the office's region (or the trainer's classes), filtered
//! and searched, with phones masked; `/staff/learners/:id`: one learner's progress, outcomes
//! (confirm a learner's report, report or correct one on their behalf) and follow-up calls.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::outcomes::{OutcomeForm, OutcomeList};
use crate::api::{get_learner, get_learners};
use crate::codes::TargetGroup;
use crate::components::loaded::{use_id_param, FormError, Loaded};
use crate::components::locale::use_locale;
use crate::dates::beijing_day;
use crate::i18n::reports::{follow_up_label, group_label, status_label, tr, R};
use crate::i18n::Locale;
use crate::model::{LearnerDetail, LearnerFilter, LearnerList, LearnerRow, LearnerStatus};
use crate::urls::query_string;

fn filter_of(query: &leptos_router::params::ParamsMap) -> LearnerFilter {
    let text = |key: &str| query.get(key).filter(|v| !v.trim().is_empty());
    LearnerFilter {
        q: query.get("q").unwrap_or_default(),
        class: text("class").and_then(|v| v.parse().ok()),
        status: text("status"),
        group: text("group"),
        village: text("village").and_then(|v| v.parse().ok()),
        after: text("after").and_then(|v| v.parse().ok()),
    }
}

#[component]
pub fn LearnersPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let filter = move || filter_of(&query.read());
    let list = Resource::new(filter, get_learners);
    view! {
        <Title text=tr(locale, R::Learners)/>
        <h1>{tr(locale, R::Learners)}</h1>
        <p class="meta">{tr(locale, R::LearnersHint)}</p>
        <FormError/>
        <Loaded resource=list view=move |list| view! { <LearnerTable list filter=filter() locale/> }/>
    }
}

#[component]
fn LearnerTable(list: LearnerList, filter: LearnerFilter, locale: Locale) -> impl IntoView {
    let mut pairs: Vec<(&str, String)> = vec![("q", filter.q.clone())];
    for (key, value) in [("status", &filter.status), ("group", &filter.group)] {
        if let Some(value) = value {
            pairs.push((key, value.clone()));
        }
    }
    if let Some(class) = filter.class {
        pairs.push(("class", class.to_string()));
    }
    if let Some(village) = filter.village {
        pairs.push(("village", village.to_string()));
    }
    let first = format!("/staff/learners?{}", query_string(&pairs));
    let next = list.next.map(|after| format!("{first}&after={after}"));
    let chosen = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    view! {
        <form class="stack filters" method="get" action="/staff/learners">
            <label>{tr(locale, R::Search)}<input name="q" value=filter.q.clone()/></label>
            <label>{tr(locale, R::Status)}
                <select name="status">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {LearnerStatus::ALL.iter().map(|s| view! {
                        <option value=s.code() selected=chosen(&filter.status, s.code())>{status_label(locale, *s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(locale, R::TargetGroup)}
                <select name="group">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {TargetGroup::ALL.iter().map(|g| view! {
                        <option value=g.code() selected=chosen(&filter.group, g.code())>{group_label(locale, *g)}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(locale, R::Class)}
                <select name="class">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {list.classes.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=filter.class == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{tr(locale, R::Village)}
                <select name="village">
                    <option value="">{tr(locale, R::AnyOption)}</option>
                    {list.villages.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=filter.village == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="button primary" type="submit">{tr(locale, R::Apply)}</button>
        </form>
        {list.learners.is_empty().then(|| view! { <p>{tr(locale, R::NoneFound)}</p> })}
        <table class="data">
            <thead><tr>
                <th scope="col">{tr(locale, R::Name)}</th><th scope="col">{tr(locale, R::Phone)}</th>
                <th scope="col">{tr(locale, R::Village)}</th><th scope="col">{tr(locale, R::Class)}</th>
                <th scope="col">{tr(locale, R::TargetGroup)}</th><th scope="col">{tr(locale, R::Status)}</th>
                <th scope="col">{tr(locale, R::LessonsDone)}</th><th scope="col">{tr(locale, R::Household)}</th>
            </tr></thead>
            <tbody>{list.learners.into_iter().map(|row| view! { <LearnerLine row locale/> }).collect_view()}</tbody>
        </table>
        <p class="pager">
            <a href=first>{tr(locale, R::FirstPage)}</a>
            {next.map(|href| view! { <a href=href>{tr(locale, R::NextPage)}</a> })}
        </p>
    }
}

#[component]
fn LearnerLine(row: LearnerRow, locale: Locale) -> impl IntoView {
    view! {
        <tr>
            <th scope="row"><a href=format!("/staff/learners/{}", row.id)>{row.name}</a></th>
            <td>{row.phone_masked.unwrap_or_default()}</td>
            <td>{row.village.unwrap_or_default()}</td>
            <td>{row.class.unwrap_or_default()}</td>
            <td>{group_label(locale, row.target_group)}</td>
            <td>{status_label(locale, row.status)}</td>
            <td>{row.lessons_completed}</td>
            <td>{row.household_id.map(|id| view! { <a href=format!("/households/{id}")>{id}</a> })}</td>
        </tr>
    }
}

#[component]
pub fn LearnerPage() -> impl IntoView {
    let locale = use_locale();
    let learner = Resource::new(use_id_param(), get_learner);
    view! {
        <Title text=tr(locale, R::Learners)/>
        <FormError/>
        <Loaded resource=learner view=move |detail| view! { <LearnerView detail locale/> }/>
    }
}

#[component]
fn LearnerView(detail: LearnerDetail, locale: Locale) -> impl IntoView {
    let row = detail.row.clone();
    let action = format!("/learners/{}/outcomes", row.id);
    view! {
        <h1>{row.name.clone()}</h1>
        <p class="meta">
            {row.phone_masked.clone().unwrap_or_default()} " · " {row.village.clone().unwrap_or_default()}
            " · " {group_label(locale, row.target_group)} " · " {status_label(locale, row.status)}
            " · " {tr(locale, R::LessonsDone)} " " {row.lessons_completed} "/" {detail.lessons_total}
            {detail.certified_on.clone().map(|day| view! { " · " {tr(locale, R::Certified)} " " {day} })}
            {row.last_active_at.map(|at| view! { " · " {tr(locale, R::LastActive)} " " {beijing_day(at)} })}
        </p>
        <h2 id="outcomes">{tr(locale, R::Outcomes)}</h2>
        <OutcomeList outcomes=detail.outcomes.clone() locale staff=true action=action.clone()/>
        <OutcomeForm action locale/>
        <h2>{tr(locale, R::FollowUps)}</h2>
        <ul class="links">
            {detail.follow_ups.into_iter().map(|call| view! {
                <li>{call.months} " · " {call.due_on} " · " {follow_up_label(locale, call.status)}
                    {call.next_on.map(|d| view! { " · " {tr(locale, R::NextTry)} " " {d} })}</li>
            }).collect_view()}
        </ul>
    }
}
