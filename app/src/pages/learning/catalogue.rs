//! `/`: every course, with its size and level.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::get_catalogue;
use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::i18n::{t, Locale, Msg};
use crate::model::{CourseCard, Level};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let locale = use_locale();
    let courses = Resource::new(|| (), move |_| get_catalogue(locale));
    view! {
        <Title text=""/>
        <section class="hero">
            <h1>{t(locale, Msg::Tagline)}</h1>
            <p>{t(locale, Msg::CatalogueIntro)}</p>
        </section>
        <h2>{t(locale, Msg::Catalogue)}</h2>
        <Suspense fallback=move || view! { <p>{t(locale, Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match courses.await {
                    Ok(list) if list.is_empty() => view! { <p>{t(locale, Msg::NoCourses)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|course| view! { <CourseCardView course locale/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseCardView(course: CourseCard, locale: Locale) -> impl IntoView {
    view! {
        <li>
            <a class="card" href=format!("/courses/{}", course.id)>
                <strong class="card-title">{course.title}</strong>
                <span class="card-summary">{course.summary}</span>
                <span class="meta">
                    {level_label(locale, course.level)} " · "
                    {course.module_count} {t(locale, Msg::ModulesCount)} " · "
                    {course.lesson_count} {t(locale, Msg::LessonsCount)} " · "
                    {course.total_minutes} {t(locale, Msg::Minutes)}
                </span>
            </a>
        </li>
    }
}

/// The reader's word for a level.
pub fn level_label(locale: Locale, level: Level) -> &'static str {
    let msg = match level {
        Level::Beginner => Msg::LevelBeginner,
        Level::Intermediate => Msg::LevelIntermediate,
        Level::Advanced => Msg::LevelAdvanced,
    };
    t(locale, msg)
}
