//! `/classes`: a trainer's classes and the form to open one; `/classes/:id`: the join code, the
//! learners' progress with password resets, the in-person sessions, and bulk accounts from
//! households.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{get_catalogue, get_class, get_classes, get_regions};
use crate::components::loaded::{use_id_param, FormError, Loaded};
use crate::components::locale::use_locale;
use crate::error::AppError;
use crate::i18n::classes::{tc, C};
use crate::i18n::staff::{ts, S};
use crate::i18n::Locale;
use crate::model::{ClassDetail, ClassItem, CourseCard, RegionItem};
use crate::pages::people::class_progress::{ProgressTable, Sessions};
use crate::pages::people::households::BulkForm;

#[component]
pub fn ClassesPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new(
        || (),
        move |_| async move {
            let courses = get_catalogue(locale).await?;
            Ok::<_, AppError>((get_classes().await?, get_regions().await?, courses))
        },
    );
    view! {
        <Title text=ts(locale, S::MyClasses)/>
        <h1>{ts(locale, S::MyClasses)}</h1>
        <FormError/>
        <Loaded resource=data view=move |(classes, regions, courses)| view! {
            {classes.is_empty().then(|| view! { <p>{ts(locale, S::NoneFound)}</p> })}
            <ul class="links">
                {classes.into_iter().map(|c| view! {
                    <li><a href=format!("/classes/{}", c.id)>{c.name.clone()}</a> " · " {plan_line(&c)} " · " {ts(locale, S::JoinCode)} " " <code>{c.join_code}</code> " · " {c.learners} " " {ts(locale, S::Learners)}</li>
                }).collect_view()}
            </ul>
            <ClassForm regions courses locale/>
        }/>
    }
}

#[component]
fn ClassForm(regions: Vec<RegionItem>, courses: Vec<CourseCard>, locale: Locale) -> impl IntoView {
    view! {
        <form class="stack" method="post" action="/classes">
            <h2>{ts(locale, S::NewClass)}</h2>
            <label>{ts(locale, S::ClassName)}<input name="name" required maxlength="60"/></label>
            <label>{ts(locale, S::Region)}
                <select name="region_id" required>
                    {regions.into_iter().map(|r| view! { <option value=r.id.to_string()>{r.name}</option> }).collect_view()}
                </select>
            </label>
            <label>{tc(locale, C::Course)}
                <select name="course_id">
                    <option value="">{tc(locale, C::AnyCourse)}</option>
                    {courses.into_iter().map(|c| view! { <option value=c.id>{c.title}</option> }).collect_view()}
                </select>
            </label>
            <label>{tc(locale, C::FirstDay)}<input type="date" name="starts_on"/></label>
            <label>{tc(locale, C::LastDay)}<input type="date" name="ends_on"/></label>
            <button class="button primary" type="submit">{ts(locale, S::Create)}</button>
        </form>
    }
}

/// Where, what and when a class is, as far as it was planned: `甲镇 · 课程 · 2026-12-01 – 2026-12-20`.
fn plan_line(class: &ClassItem) -> String {
    let days = match (&class.starts_on, &class.ends_on) {
        (None, None) => None,
        (first, last) => Some(format!(
            "{} – {}",
            first.clone().unwrap_or_default(),
            last.clone().unwrap_or_default()
        )),
    };
    [Some(class.region.clone()), class.course.clone(), days]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
pub fn ClassPage() -> impl IntoView {
    let locale = use_locale();
    let class = Resource::new(use_id_param(), get_class);
    view! {
        <FormError/>
        <Loaded resource=class view=move |detail| view! { <ClassView detail locale/> }/>
    }
}

#[component]
fn ClassView(detail: ClassDetail, locale: Locale) -> impl IntoView {
    let class = detail.class;
    let plan = plan_line(&class);
    let names = detail
        .learners
        .iter()
        .map(|l| (l.id, l.name.clone()))
        .collect();
    let today = crate::dates::beijing_day(detail.produced_at);
    view! {
        <Title text=class.name.clone()/>
        <h1>{class.name}</h1>
        <p class="meta">{plan}</p>
        <p class="meta">{tc(locale, C::Trainers)} {detail.trainers.join("、")}</p>
        <p class="big">{ts(locale, S::JoinCode)} " " <strong>{class.join_code}</strong></p>
        <p class="meta">{ts(locale, S::JoinCodeHint)}</p>
        <form class="stack" method="post" action=format!("/classes/{}/members", class.id)>
            <label>{tc(locale, C::AddLearner)}<input name="login" required maxlength="64" inputmode="tel" autocomplete="off"/></label>
            <button class="button" type="submit">{tc(locale, C::Add)}</button>
        </form>
        <p class="meta">{class.learners} " " {ts(locale, S::Learners)}</p>
        <ProgressTable class_id=class.id learners=detail.learners lessons_total=detail.lessons_total locale/>
        <Sessions class_id=class.id sessions=detail.sessions learners=names today=today locale/>
        <BulkForm locale class_id=Some(class.id)/>
        <form class="stack" method="post" action=format!("/classes/{}/trainers", class.id)>
            <label>{tc(locale, C::AddTrainer)}<input name="login" required maxlength="64" autocomplete="off"/></label>
            <button class="button" type="submit">{tc(locale, C::Add)}</button>
        </form>
    }
}
