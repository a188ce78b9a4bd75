//! Reading courses, modules and lessons. Course content is public: every actor,
//! signed in or not, may read it, so the permission check is that the actor is any `Actor`.

use app::backend::Actor;
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    CourseCard, CourseOutline, LessonLink, LessonPage, Level, ModuleOutline, QuizQuestion,
};

use crate::content::Question;
use crate::error::ServerError;
use crate::services::Services;
use crate::store::content::{CourseRow, LessonEntry};

/// Content is open to everyone, including visitors who have not signed in.
pub fn authorize_read(actor: &Actor) -> Result<(), ServerError> {
    match actor {
        Actor::Anonymous | Actor::User(_) => Ok(()),
    }
}

pub async fn catalogue(
    services: &Services,
    actor: &Actor,
    locale: Locale,
) -> Result<Vec<CourseCard>, ServerError> {
    authorize_read(actor)?;
    let rows = services.store.list_courses().await?;
    rows.into_iter()
        .map(|row| course_card(row, locale))
        .collect()
}

pub async fn course(
    services: &Services,
    actor: &Actor,
    locale: Locale,
    course_id: &str,
) -> Result<CourseOutline, ServerError> {
    authorize_read(actor)?;
    let store = &services.store;
    let row = store.course(course_id).await?.ok_or(AppError::NotFound)?;
    let modules = store.course_modules(Some(course_id)).await?;
    let lessons = store.lesson_sequence(Some(course_id)).await?;
    let modules = modules
        .into_iter()
        .map(|m| ModuleOutline {
            lessons: lessons
                .iter()
                .filter(|l| l.module_id == m.id)
                .map(|l| lesson_link(l, locale))
                .collect(),
            title: locale.pick(&m.title, &m.title_en).to_string(),
            summary: locale.pick(&m.summary, &m.summary_en).to_string(),
            id: m.id,
            position: m.position,
            test_question_count: m.test_questions,
        })
        .collect();
    let card = course_card(row.clone(), locale)?;
    Ok(CourseOutline {
        id: card.id,
        title: card.title,
        summary: card.summary,
        level: card.level,
        intro_html: row.intro_html,
        modules,
    })
}

pub async fn lesson(
    services: &Services,
    actor: &Actor,
    locale: Locale,
    lesson_id: &str,
) -> Result<LessonPage, ServerError> {
    authorize_read(actor)?;
    let store = &services.store;
    let (lesson, course_id) = store.lesson(lesson_id).await?.ok_or(AppError::NotFound)?;
    let course = store.course(&course_id).await?.ok_or(AppError::NotFound)?;
    let modules = store.course_modules(Some(&course_id)).await?;
    let sequence = store.lesson_sequence(Some(&course_id)).await?;
    let index = sequence
        .iter()
        .position(|l| l.id == lesson.id)
        .ok_or(AppError::NotFound)?;
    let module = modules
        .iter()
        .find(|m| m.id == lesson.module_id)
        .ok_or(AppError::NotFound)?;
    let quiz = parse_quiz(&lesson.quiz_json)?
        .into_iter()
        .map(public_question)
        .collect();
    let next = sequence.get(index + 1);
    let last_in_module = next.is_none_or(|n| n.module_id != lesson.module_id);
    let completed = super::progress::open_lesson(store, actor, &lesson.id).await?;
    Ok(LessonPage {
        id: lesson.id.clone(),
        title: locale.pick(&lesson.title, &lesson.title_en).to_string(),
        summary: locale.pick(&lesson.summary, &lesson.summary_en).to_string(),
        minutes: lesson.minutes,
        level: parse_level(&lesson.level)?,
        course_id,
        course_title: locale.pick(&course.title, &course.title_en).to_string(),
        module_title: locale.pick(&module.title, &module.title_en).to_string(),
        module_position: module.position,
        body_html: lesson.body_html,
        checked_on: lesson.checked_on,
        quiz,
        previous: index
            .checked_sub(1)
            .and_then(|i| sequence.get(i))
            .map(|l| lesson_link(l, locale)),
        next: next.map(|l| lesson_link(l, locale)),
        module_test_id: (last_in_module && module.test_questions > 0).then(|| module.id.clone()),
        event_id: super::progress::new_event_id(),
        completed,
    })
}

pub fn parse_quiz(json: &str) -> Result<Vec<Question>, ServerError> {
    serde_json::from_str(json)
        .map_err(|e| ServerError::Internal(format!("stored quiz is not valid: {e}")))
}

/// A question without its answer and explanation: what the browser may see before grading.
pub fn public_question(question: Question) -> QuizQuestion {
    QuizQuestion {
        prompt: question.prompt,
        choices: question.choices,
    }
}

/// A stored level; the loader only stores known ones, so anything else is broken data.
fn parse_level(value: &str) -> Result<Level, ServerError> {
    Level::from_code(value)
        .ok_or_else(|| ServerError::Internal(format!("stored level `{value}` is unknown")))
}

fn course_card(row: CourseRow, locale: Locale) -> Result<CourseCard, ServerError> {
    Ok(CourseCard {
        title: locale.pick(&row.title, &row.title_en).to_string(),
        summary: locale.pick(&row.summary, &row.summary_en).to_string(),
        level: parse_level(&row.level)?,
        module_count: row.module_count,
        lesson_count: row.lesson_count,
        total_minutes: row.total_minutes,
        id: row.id,
    })
}

fn lesson_link(row: &LessonEntry, locale: Locale) -> LessonLink {
    LessonLink {
        id: row.id.clone(),
        title: locale.pick(&row.title, &row.title_en).to_string(),
        minutes: row.minutes,
    }
}
