//! `/author`: the courses a trainer may edit; `/author/:id`: a course's files, its draft's check,
//! publishing, versions with rollback, and editors; `/author/:id/edit?path=…`: one Markdown file
//! in the editor with the preview learners would get. Server-rendered forms, so all of it works
//! without JavaScript; `/author.js` (loaded here only, never in the learners' wasm) adds the
//! toolbar and a live preview.

use leptos::prelude::*;
use leptos_meta::{Script, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{get_author_course, get_author_courses, get_editor};
use crate::components::loaded::{FormError, Loaded};
use crate::components::locale::use_locale;
use crate::dates::beijing_minute;
use crate::i18n::authoring::{ta, A};
use crate::i18n::Locale;
use crate::model::{AuthorCourse, ContentProblem, FileState, LessonEditor, VersionItem};

#[component]
pub fn AuthorCoursesPage() -> impl IntoView {
    let locale = use_locale();
    let courses = Resource::new(|| (), |_| get_author_courses());
    view! {
        <Title text=ta(locale, A::Authoring)/>
        <h1>{ta(locale, A::Authoring)}</h1>
        <p class="meta">{ta(locale, A::AuthoringHint)}</p>
        <Loaded resource=courses view=move |courses| view! {
            {courses.is_empty().then(|| view! { <p>{ta(locale, A::NoCourses)}</p> })}
            <ul class="links">
                {courses.into_iter().map(|c| view! {
                    <li><a href=format!("/author/{}", c.id)>{c.title}</a></li>
                }).collect_view()}
            </ul>
        }/>
        <FormError/>
        <form class="stack" method="post" action="/author">
            <h2>{ta(locale, A::NewCourse)}</h2>
            <label>{ta(locale, A::CourseIdHint)}<input name="id" required maxlength="40" pattern="[a-z0-9-]{3,40}"/></label>
            <button class="button" type="submit">{ta(locale, A::Start)}</button>
        </form>
    }
}

#[component]
pub fn AuthorCoursePage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let course = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_author_course,
    );
    view! {
        <FormError/>
        <Loaded resource=course view=move |course| view! { <CourseView course locale/> }/>
    }
}

#[component]
fn CourseView(course: AuthorCourse, locale: Locale) -> impl IntoView {
    let base = format!("/author/{}", course.id);
    let edit = move |path: &str| format!("/author/{}/edit?path={path}", course.id);
    let files = course.files.into_iter().map(|f| {
        let state = match f.state {
            FileState::Published => None,
            FileState::Changed | FileState::Added => Some(ta(locale, A::Changed)),
            FileState::Deleted => Some(ta(locale, A::Deleted)),
        };
        let name = f.path.clone();
        let link = f.editable.then(|| edit(&f.path));
        view! {
            <li>
                {match link {
                    Some(href) => view! { <a href=href>{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }}
                {state.map(|s| view! { " · " <strong>{s}</strong> })}
            </li>
        }
    });
    view! {
        <Title text=course.title.clone()/>
        <h1>{course.title}</h1>
        <p class="meta">{ta(locale, A::AuthoringHint)}</p>
        {course.has_draft.then(|| view! {
            <PublishForm base=base.clone() problems=course.problems locale/>
        })}
        <h2>{ta(locale, A::Files)}</h2>
        <form class="stack" method="get" action=format!("{base}/edit")>
            <label>{ta(locale, A::NewLesson)}
                <input name="path" required maxlength="120" placeholder=ta(locale, A::NewLessonHint)/>
            </label>
            <button class="button" type="submit">{ta(locale, A::Edit)}</button>
        </form>
        <ul class="links">{files.collect_view()}</ul>
        <p><a href=format!("{base}/export.zip") download>{ta(locale, A::ExportZip)}</a></p>
        {(!course.has_draft).then(|| view! {
            <form class="stack" method="post" enctype="multipart/form-data" action=format!("{base}/import")>
                <label>{ta(locale, A::ImportZip)}<input type="file" name="file" accept=".zip,application/zip" required/></label>
                <button class="button" type="submit">{ta(locale, A::ImportZip)}</button>
            </form>
        })}
        <Versions base=base.clone() versions=course.versions has_draft=course.has_draft locale/>
        <h2>{ta(locale, A::Editors)}</h2>
        <ul>
            {course.editors.into_iter().map(|e| view! {
                <li>{e.name} " (" {e.login} ")" {e.is_owner.then(|| format!(" · {}", ta(locale, A::Owner)))}</li>
            }).collect_view()}
        </ul>
        {course.may_grant.then(|| view! {
            <form class="stack" method="post" action=format!("{base}/editors")>
                <label>{ta(locale, A::Grant)}<input name="login" required maxlength="64" placeholder=ta(locale, A::GrantHint)/></label>
                <button class="button" type="submit">{ta(locale, A::Grant)}</button>
            </form>
        })}
    }
}

#[component]
fn PublishForm(base: String, problems: Vec<ContentProblem>, locale: Locale) -> impl IntoView {
    let ready = problems.is_empty();
    view! {
        <section id="draft">
            <ProblemList problems locale/>
            {ready.then(|| view! { <p class="ok">{ta(locale, A::NoProblems)}</p> })}
            <form class="stack" method="post" action=format!("{base}/publish")>
                <label>{ta(locale, A::PublishNote)}<input name="note" maxlength="200"/></label>
                <button class="button primary" type="submit">{ta(locale, A::Publish)}</button>
            </form>
            <form method="post" action=format!("{base}/discard")>
                <button class="button" type="submit">{ta(locale, A::DiscardDraft)}</button>
            </form>
        </section>
    }
}

#[component]
fn ProblemList(problems: Vec<ContentProblem>, locale: Locale) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <h2>{ta(locale, A::Problems)}</h2>
            <ol class="problems" id="problems">
                {problems.into_iter().map(|p| view! {
                    <li data-line=p.line.to_string()>
                        <code>{p.path} ":" {p.line.to_string()}</code>
                        {(!p.excerpt.is_empty()).then(|| view! { <pre class="excerpt">{p.excerpt}</pre> })}
                        " " {p.message}
                    </li>
                }).collect_view()}
            </ol>
        }
    })
}

#[component]
fn Versions(
    base: String,
    versions: Vec<VersionItem>,
    has_draft: bool,
    locale: Locale,
) -> impl IntoView {
    let current = versions.first().map(|v| v.number);
    view! {
        <h2>{ta(locale, A::Versions)}</h2>
        <table class="table">
            <thead><tr>
                <th>{ta(locale, A::Version)}</th><th>{ta(locale, A::Origin)}</th>
                <th>{ta(locale, A::PublishedBy)}</th><th>{ta(locale, A::PublishedAt)}</th><th></th>
            </tr></thead>
            <tbody>
                {versions.into_iter().map(|v| {
                    let is_current = Some(v.number) == current;
                    let action = format!("{base}/versions/{}/rollback", v.number);
                    view! {
                        <tr>
                            <td>{v.number.to_string()} {is_current.then(|| format!(" ({})", ta(locale, A::Current)))}</td>
                            <td>{v.origin} " " {v.note}</td>
                            <td>{v.by.unwrap_or_default()}</td>
                            <td>{beijing_minute(v.at)}</td>
                            <td>{(!is_current && !has_draft).then(|| view! {
                                <form method="post" action=action>
                                    <button class="button" type="submit">{ta(locale, A::RollBack)}</button>
                                </form>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let editor = Resource::new(
        move || {
            let course = params.read().get("id").unwrap_or_default();
            (course, query.read().get("path").unwrap_or_default())
        },
        |(course, path)| get_editor(course, path, None),
    );
    view! {
        <Script src="/author.js" defer="defer"/>
        <FormError/>
        <Loaded resource=editor view=move |editor| view! { <EditorView editor locale/> }/>
    }
}

#[component]
fn EditorView(editor: LessonEditor, locale: Locale) -> impl IntoView {
    let base = format!("/author/{}", editor.course_id);
    let tools = [
        (A::Heading, "heading"),
        (A::List, "list"),
        (A::Bold, "bold"),
        (A::Picture, "picture"),
        (A::LessonLink, "link"),
        (A::QuizQuestion, "quiz"),
    ];
    view! {
        <Title text=editor.path.clone()/>
        <p><a href=base.clone()>"← " {ta(locale, A::Files)}</a></p>
        <h1>{editor.path.clone()}</h1>
        <form class="stack editor" method="post" action=format!("{base}/draft")
            data-course=editor.course_id.clone()>
            <input type="hidden" name="path" value=editor.path.clone()/>
            <input type="hidden" name="base" value=editor.base_hash.clone()/>
            <div class="toolbar" role="toolbar" aria-label=ta(locale, A::Toolbar) hidden>
                {tools.into_iter().map(|(label, tool)| view! {
                    <button type="button" class="button" data-tool=tool>{ta(locale, label)}</button>
                }).collect_view()}
            </div>
            <label>{ta(locale, A::Source)}
                <textarea name="source" rows="20" spellcheck="false">{editor.source}</textarea>
            </label>
            <button class="button primary" type="submit">{ta(locale, A::SaveDraft)} " / " {ta(locale, A::Preview)}</button>
        </form>
        <form class="stack" method="post" enctype="multipart/form-data" action=format!("{base}/pictures") id="picture">
            <h2>{ta(locale, A::AddPicture)}</h2>
            <input type="hidden" name="path" value=editor.path.clone()/>
            <label>{ta(locale, A::PictureAlt)}<input name="alt" required maxlength="120"/></label>
            <label>{ta(locale, A::PictureFile)}<input type="file" name="file" accept="image/*" required/></label>
            <p class="meta">{ta(locale, A::PictureHint)}</p>
            <button class="button" type="submit">{ta(locale, A::AddPicture)}</button>
        </form>
        <datalist id="lesson-ids">
            {editor.lessons.into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect_view()}
        </datalist>
        <div id="problems-box"><ProblemList problems=editor.problems locale/></div>
        <h2>{ta(locale, A::Preview)}</h2>
        <p class="meta">{ta(locale, A::PreviewHint)}</p>
        <article class="phone-preview lesson-body" id="preview" inner_html=editor.preview_html></article>
    }
}
