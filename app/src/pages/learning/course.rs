//! `/courses/:id`: a course's introduction and its modules and lessons, in order.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::get_course;
use crate::components::errors::ErrorNotice;
use crate::components::locale::use_locale;
use crate::i18n::{t, Locale, Msg};
use crate::model::{CourseOutline, ModuleOutline};
use crate::pages::learning::catalogue::level_label;

#[component]
pub fn CoursePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let course = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        move |id| get_course(locale, id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(locale, Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match course.await {
                    Ok(course) => view! { <CourseView course locale/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CourseView(course: CourseOutline, locale: Locale) -> impl IntoView {
    let first_lesson = course
        .modules
        .iter()
        .flat_map(|module| module.lessons.first())
        .next()
        .map(|lesson| format!("/lessons/{}", lesson.id));
    view! {
        <Title text=course.title.clone()/>
        <Meta name="description" content=course.summary.clone()/>
        <h1>{course.title}</h1>
        <p class="meta">{level_label(locale, course.level)}</p>
        <div class="prose" inner_html=course.intro_html></div>
        {first_lesson.map(|href| view! { <p><a class="button primary" href=href>{t(locale, Msg::StartCourse)}</a></p> })}
        <ol class="modules">
            {course.modules.into_iter().map(|module| view! { <ModuleView module locale/> }).collect_view()}
        </ol>
    }
}

#[component]
fn ModuleView(module: ModuleOutline, locale: Locale) -> impl IntoView {
    let module_id = module.id.clone();
    view! {
        <li class="module" id=format!("m-{}", module.id)>
            <h2>
                <span class="module-number">{t(locale, Msg::Module)} " " {module.position}</span>
                {module.title}
            </h2>
            <p class="meta">{module.summary}</p>
            <ol class="lessons">
                {module.lessons.into_iter().map(|lesson| view! {
                    <li>
                        <a href=format!("/lessons/{}", lesson.id)>
                            <span>{lesson.title}</span>
                            <span class="meta">{lesson.minutes} " " {t(locale, Msg::Minutes)}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ol>
            {(module.test_question_count > 0).then(|| view! {
                <p><a class="button" href=format!("/modules/{}/test", module.id)>{t(locale, Msg::TakeModuleTest)}</a></p>
            })}
            // Shown by /offline.js where a service worker can keep pages: one tap keeps the
            // module's lessons and pictures on the phone; it says how much space they take.
            <p class="save-offline" data-offline-module=module_id hidden>
                <button type="button" class="button" data-offline-save>{t(locale, Msg::SaveForOffline)}</button>
                <span class="meta" data-offline-saved hidden>{t(locale, Msg::SavedForOffline)}</span>
                <button type="button" class="button" data-offline-remove hidden>{t(locale, Msg::RemoveSaved)}</button>
            </p>
        </li>
    }
}
