//! Reading courses and lessons, and grading a lesson quiz. Course content is public: every actor,
//! signed in or not, may read it, so the permission check is that the actor is any `Actor`.

use app::backend::Actor;
use app::error::AppError;
use app::i18n::Locale;
use app::model::{
    CourseCard, CourseOutline, LessonLink, LessonPage, Level, ModuleOutline, QuestionResult,
    QuizQuestion, QuizResult,
};

use crate::content::Question;
use crate::error::ServerError;
use crate::store::content::{CourseRow, LessonRow};
use crate::store::Store;

/// Content is open to everyone, including visitors who have not signed in.
fn authorize_read(actor: &Actor) -> Result<(), ServerError> {
    match actor {
        Actor::Anonymous => Ok(()),
    }
}

pub async fn catalogue(
    store: &Store,
    actor: &Actor,
    locale: Locale,
) -> Result<Vec<CourseCard>, ServerError> {
    authorize_read(actor)?;
    let rows = store.list_courses().await?;
    Ok(rows
        .into_iter()
        .map(|row| course_card(row, locale))
        .collect())
}

pub async fn course(
    store: &Store,
    actor: &Actor,
    locale: Locale,
    course_id: &str,
) -> Result<CourseOutline, ServerError> {
    authorize_read(actor)?;
    let row = store.course(course_id).await?.ok_or(AppError::NotFound)?;
    let modules = store.course_modules(course_id).await?;
    let lessons = store.course_lessons(course_id).await?;
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
        })
        .collect();
    let card = course_card(row.clone(), locale);
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
    store: &Store,
    actor: &Actor,
    locale: Locale,
    lesson_id: &str,
) -> Result<LessonPage, ServerError> {
    authorize_read(actor)?;
    let (lesson, course_id) = store.lesson(lesson_id).await?.ok_or(AppError::NotFound)?;
    let course = store.course(&course_id).await?.ok_or(AppError::NotFound)?;
    let modules = store.course_modules(&course_id).await?;
    let sequence = store.course_lessons(&course_id).await?;
    let index = sequence.iter().position(|l| l.id == lesson.id).unwrap_or(0);
    let module = modules
        .iter()
        .find(|m| m.id == lesson.module_id)
        .ok_or(AppError::NotFound)?;
    let quiz = parse_quiz(&lesson.quiz_json)?
        .into_iter()
        .map(|q| QuizQuestion {
            prompt: q.prompt,
            choices: q.choices,
        })
        .collect();
    Ok(LessonPage {
        id: lesson.id.clone(),
        title: locale.pick(&lesson.title, &lesson.title_en).to_string(),
        summary: locale.pick(&lesson.summary, &lesson.summary_en).to_string(),
        minutes: lesson.minutes,
        level: parse_level(&lesson.level),
        course_id,
        course_title: locale.pick(&course.title, &course.title_en).to_string(),
        module_title: locale.pick(&module.title, &module.title_en).to_string(),
        module_position: module.position,
        body_html: lesson.body_html,
        quiz,
        previous: index
            .checked_sub(1)
            .and_then(|i| sequence.get(i))
            .map(|l| lesson_link(l, locale)),
        next: sequence.get(index + 1).map(|l| lesson_link(l, locale)),
    })
}

/// Grades submitted answers (`None` for an unanswered question) against the lesson's quiz.
pub async fn check_quiz(
    store: &Store,
    actor: &Actor,
    lesson_id: &str,
    answers: &[Option<usize>],
) -> Result<QuizResult, ServerError> {
    authorize_read(actor)?;
    let (lesson, _) = store.lesson(lesson_id).await?.ok_or(AppError::NotFound)?;
    let questions = parse_quiz(&lesson.quiz_json)?;
    grade(&questions, answers)
}

/// The verdict on `answers`; the count must match and each answer must name a choice.
pub fn grade(questions: &[Question], answers: &[Option<usize>]) -> Result<QuizResult, ServerError> {
    if answers.len() != questions.len() {
        return Err(AppError::Invalid(format!(
            "expected {} answers, got {}",
            questions.len(),
            answers.len()
        ))
        .into());
    }
    let mut results = Vec::with_capacity(questions.len());
    for (index, (question, chosen)) in questions.iter().zip(answers).enumerate() {
        if chosen.is_some_and(|c| c >= question.choices.len()) {
            return Err(AppError::Invalid(format!(
                "answer to question {} is not one of its choices",
                index + 1
            ))
            .into());
        }
        results.push(QuestionResult {
            chosen: *chosen,
            correct_choice: question.correct,
            is_correct: *chosen == Some(question.correct),
            explanation: question.explanation.clone(),
        });
    }
    let correct_count = results.iter().filter(|r| r.is_correct).count();
    Ok(QuizResult {
        correct_count,
        question_count: questions.len(),
        questions: results,
    })
}

fn parse_quiz(json: &str) -> Result<Vec<Question>, ServerError> {
    serde_json::from_str(json)
        .map_err(|e| ServerError::Internal(format!("stored quiz is not valid: {e}")))
}

fn parse_level(value: &str) -> Level {
    Level::parse(value).unwrap_or(Level::Beginner)
}

fn course_card(row: CourseRow, locale: Locale) -> CourseCard {
    CourseCard {
        title: locale.pick(&row.title, &row.title_en).to_string(),
        summary: locale.pick(&row.summary, &row.summary_en).to_string(),
        level: parse_level(&row.level),
        module_count: row.module_count,
        lesson_count: row.lesson_count,
        total_minutes: row.total_minutes,
        id: row.id,
    }
}

fn lesson_link(row: &LessonRow, locale: Locale) -> LessonLink {
    LessonLink {
        id: row.id.clone(),
        title: locale.pick(&row.title, &row.title_en).to_string(),
        minutes: row.minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(correct: usize) -> Question {
        Question {
            prompt: "?".into(),
            choices: vec!["a".into(), "b".into(), "c".into()],
            correct,
            explanation: "why".into(),
        }
    }

    #[test]
    fn grades_right_wrong_and_unanswered() {
        let result = grade(
            &[question(0), question(1), question(2)],
            &[Some(0), Some(2), None],
        )
        .expect("graded");
        assert_eq!(result.correct_count, 1);
        assert_eq!(result.question_count, 3);
        assert_eq!(
            result
                .questions
                .iter()
                .map(|q| q.is_correct)
                .collect::<Vec<_>>(),
            vec![true, false, false]
        );
        assert_eq!(result.questions[1].correct_choice, 1);
    }

    #[test]
    fn rejects_wrong_answer_count_and_unknown_choice() {
        let err = grade(&[question(0)], &[]).expect_err("count");
        assert!(
            matches!(err, ServerError::App(AppError::Invalid(ref m)) if m == "expected 1 answers, got 0")
        );
        let err = grade(&[question(0)], &[Some(7)]).expect_err("choice");
        assert!(
            matches!(err, ServerError::App(AppError::Invalid(ref m)) if m == "answer to question 1 is not one of its choices")
        );
    }
}
