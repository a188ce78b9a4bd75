//! Module tests, which gate the certificate, kept honest: each test page draws its questions from
//! the whole pool of the module's lesson quizzes and shuffles their choices, and the draw is
//! stored; answers are graded against exactly that draw, stored once, and only then does the
//! verdict show the right answers. Nobody signed out (or not a learner) can have a test graded,
//! and retries wait: a while after a failed attempt, and a day after too many.

use app::backend::{Actor, User};
use app::codes::Role;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::i18n::Locale;
use app::model::{AnswerSheet, ModuleTestPage, QuizResult};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};

use super::content::{parse_quiz, public_question};
use super::progress;
use super::quiz::{grade, pass_verdict};
use crate::content::Question;
use crate::error::ServerError;
use crate::services::{authz, Services};
use crate::store::learning::NewAttempt;
use crate::store::{now, Store};

/// Attempts at one module's test allowed within a day.
pub const MAX_ATTEMPTS_PER_DAY: usize = 5;
/// The wait after a failed attempt.
pub const COOL_DOWN_SECS: i64 = 10 * 60;
const DAY_SECS: i64 = 24 * 60 * 60;

/// One question of a draw: which lesson quiz it comes from, and the order its choices are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drawn {
    pub lesson: String,
    pub index: usize,
    pub order: Vec<usize>,
}

/// The test page: the learner's earlier draw `shown` (after submitting it), or a new draw.
pub async fn page(
    services: &Services,
    actor: &Actor,
    locale: Locale,
    module_id: &str,
    shown: Option<&str>,
) -> Result<ModuleTestPage, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Learner], "tests.take").await?;
    let module = store.module(module_id).await?.ok_or(AppError::NotFound)?;
    let earlier = match shown {
        Some(id) => store
            .draw(user.id, id)
            .await?
            .filter(|d| d.module_id == module.id),
        None => None,
    };
    let (id, questions) = match (shown, earlier) {
        (Some(id), Some(draw)) => (
            id.to_string(),
            questions_of(store, &draws(&draw.questions)?).await?,
        ),
        _ => {
            check_retries(store, user.id, &module.id).await?;
            let pool = pool(store, &module.id).await?;
            let count = usize::try_from(module.test_questions).unwrap_or(0);
            let drawn = draw(&pool, count);
            if drawn.is_empty() {
                return Err(AppError::NotFound.into());
            }
            let id = progress::new_event_id();
            let json = serde_json::to_string(&drawn)
                .map_err(|e| ServerError::Internal(format!("draw: {e}")))?;
            store
                .save_draw(user.id, &id, &module.id, &json, now())
                .await?;
            (id, questions_of(store, &drawn).await?)
        }
    };
    let course = store
        .course(&module.course_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ModuleTestPage {
        module_title: locale.pick(&module.title, &module.title_en).to_string(),
        module_position: module.position,
        course_title: locale.pick(&course.title, &course.title_en).to_string(),
        pass_mark: module.pass_mark,
        questions: questions.into_iter().map(public_question).collect(),
        module_id: module.id,
        course_id: module.course_id,
        event_id: id,
    })
}

/// Grades a submitted test against its draw and stores it once; the verdict (with the right
/// answers) is that of the stored attempt, whatever is sent again later.
pub async fn submit(
    services: &Services,
    actor: &Actor,
    sheet: &AnswerSheet,
    module_id: &str,
) -> Result<QuizResult, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Learner], "tests.submit").await?;
    let (questions, pass_mark) = draw_of(store, user, &sheet.page_event, module_id).await?;
    let answers = padded(&sheet.answers, questions.len());
    let mut result = grade(&questions, &answers)?;
    result.pass = Some(pass_verdict(&result, pass_mark));
    let answers_json =
        serde_json::to_string(&answers).map_err(|e| ServerError::Internal(e.to_string()))?;
    let attempt = NewAttempt {
        user_id: user.id,
        event_id: &sheet.page_event,
        target_kind: app::codes::QuizKind::Module,
        target_id: module_id,
        correct: result.correct_count as i64,
        total: result.question_count as i64,
        passed: result.pass.is_some_and(|p| p.passed),
        answers: &answers_json,
    };
    progress::record_attempt(services, user, attempt, now()).await?;
    stored_verdict(store, user, &sheet.page_event, &questions, pass_mark).await
}

/// The verdict of a test already submitted (the page shown after the posted form); a test not
/// submitted is not graded, so no key leaks.
pub async fn review(
    services: &Services,
    actor: &Actor,
    sheet: &AnswerSheet,
    module_id: &str,
) -> Result<QuizResult, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Learner], "tests.review").await?;
    let (questions, pass_mark) = draw_of(store, user, &sheet.page_event, module_id).await?;
    stored_verdict(store, user, &sheet.page_event, &questions, pass_mark).await
}

async fn stored_verdict(
    store: &Store,
    user: &User,
    draw: &str,
    questions: &[Question],
    pass_mark: i64,
) -> Result<QuizResult, ServerError> {
    let stored = store
        .attempt_answers(user.id, draw)
        .await?
        .ok_or(AppError::from(Problem::TestNotSubmitted))?;
    let answers: Vec<Option<usize>> = serde_json::from_str(&stored)
        .map_err(|e| ServerError::Internal(format!("stored answers: {e}")))?;
    let mut result = grade(questions, &padded(&answers, questions.len()))?;
    result.pass = Some(pass_verdict(&result, pass_mark));
    Ok(result)
}

/// The learner's draw `id` of this module: its questions as shown, and the pass mark.
async fn draw_of(
    store: &Store,
    user: &User,
    id: &str,
    module_id: &str,
) -> Result<(Vec<Question>, i64), ServerError> {
    let draw = store
        .draw(user.id, id)
        .await?
        .filter(|d| d.module_id == module_id)
        .ok_or(AppError::from(Problem::TestDrawUnknown))?;
    let module = store.module(module_id).await?.ok_or(AppError::NotFound)?;
    Ok((
        questions_of(store, &draws(&draw.questions)?).await?,
        module.pass_mark,
    ))
}

fn draws(json: &str) -> Result<Vec<Drawn>, ServerError> {
    serde_json::from_str(json).map_err(|e| ServerError::Internal(format!("stored draw: {e}")))
}

fn padded(answers: &[Option<usize>], count: usize) -> Vec<Option<usize>> {
    let mut answers = answers.to_vec();
    if answers.len() < count {
        answers.resize(count, None);
    }
    answers
}

/// Retries wait: `COOL_DOWN_SECS` after a failed attempt, a day after `MAX_ATTEMPTS_PER_DAY`.
async fn check_retries(store: &Store, user: i64, module: &str) -> Result<(), ServerError> {
    let at = now();
    let recent = store
        .module_attempts_since(user, module, at - DAY_SECS)
        .await?;
    if recent.len() >= MAX_ATTEMPTS_PER_DAY {
        return Err(AppError::from(Problem::TestTooManyTries {
            per_day: MAX_ATTEMPTS_PER_DAY,
        })
        .into());
    }
    if let Some((last, false)) = recent.first() {
        let wait = last + COOL_DOWN_SECS - at;
        if wait > 0 {
            let minutes = ((wait + 59) / 60) as usize;
            return Err(AppError::from(Problem::TestCoolDown { minutes }).into());
        }
    }
    Ok(())
}

/// Every question of the module's lessons: (lesson, its quiz).
async fn pool(store: &Store, module: &str) -> Result<Vec<(String, Vec<Question>)>, ServerError> {
    store
        .module_quizzes(module)
        .await?
        .into_iter()
        .map(|(lesson, json)| Ok((lesson, parse_quiz(&json)?)))
        .collect()
}

/// `count` questions chosen at random from the whole pool, each with its choices shuffled.
pub fn draw(pool: &[(String, Vec<Question>)], count: usize) -> Vec<Drawn> {
    let mut all: Vec<(&str, usize, usize)> = pool
        .iter()
        .flat_map(|(lesson, quiz)| {
            quiz.iter()
                .enumerate()
                .map(move |(i, q)| (lesson.as_str(), i, q.choices.len()))
        })
        .collect();
    shuffle(&mut all);
    all.truncate(count);
    all.into_iter()
        .map(|(lesson, index, choices)| {
            let mut order: Vec<usize> = (0..choices).collect();
            shuffle(&mut order);
            Drawn {
                lesson: lesson.to_string(),
                index,
                order,
            }
        })
        .collect()
}

fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = (OsRng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The drawn questions as shown: choices in the drawn order, the right one renumbered.
async fn questions_of(store: &Store, drawn: &[Drawn]) -> Result<Vec<Question>, ServerError> {
    let mut questions = Vec::with_capacity(drawn.len());
    for d in drawn {
        let (lesson, _) = store.lesson(&d.lesson).await?.ok_or(AppError::NotFound)?;
        let quiz = parse_quiz(&lesson.quiz_json)?;
        let question = quiz
            .get(d.index)
            .ok_or(AppError::from(Problem::TestDrawUnknown))?;
        questions.push(reordered(question, &d.order)?);
    }
    Ok(questions)
}

/// The question with its choices in `order` (the content changed since the draw if the orders
/// no longer fit: the draw is then unknown).
pub fn reordered(question: &Question, order: &[usize]) -> Result<Question, ServerError> {
    let unknown = || ServerError::from(AppError::from(Problem::TestDrawUnknown));
    if order.len() != question.choices.len() {
        return Err(unknown());
    }
    let choices = order
        .iter()
        .map(|i| question.choices.get(*i).cloned().ok_or_else(unknown))
        .collect::<Result<Vec<_>, _>>()?;
    let correct = order
        .iter()
        .position(|i| *i == question.correct)
        .ok_or_else(unknown)?;
    Ok(Question {
        prompt: question.prompt.clone(),
        choices,
        correct,
        explanation: question.explanation.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(prompt: &str) -> Question {
        Question {
            prompt: prompt.into(),
            choices: vec!["甲".into(), "乙".into(), "丙".into(), "丁".into()],
            correct: 2,
            explanation: "因为".into(),
        }
    }

    #[test]
    fn a_draw_takes_from_the_whole_pool_with_choices_shuffled() {
        let pool: Vec<(String, Vec<Question>)> = (0..5)
            .map(|l| {
                (
                    format!("l{l}"),
                    (0..4).map(|q| question(&format!("{l}-{q}"))).collect(),
                )
            })
            .collect();
        let drawn = draw(&pool, 10);
        assert_eq!(drawn.len(), 10);
        let mut seen: Vec<(String, usize)> =
            drawn.iter().map(|d| (d.lesson.clone(), d.index)).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 10, "no question twice");
        let indexes: std::collections::HashSet<usize> = (0..30)
            .flat_map(|_| draw(&pool, 10))
            .map(|d| d.index)
            .collect();
        assert_eq!(
            indexes.len(),
            4,
            "later questions of a lesson are drawn too"
        );
        let orders: std::collections::HashSet<Vec<usize>> = (0..30)
            .flat_map(|_| draw(&pool, 10))
            .map(|d| d.order)
            .collect();
        assert!(orders.len() > 5, "choices are shuffled");
    }

    #[test]
    fn a_reordered_question_keeps_its_right_answer() {
        let shown = reordered(&question("q"), &[3, 2, 0, 1]).expect("fits");
        assert_eq!(shown.choices, ["丁", "丙", "甲", "乙"]);
        assert_eq!(shown.choices[shown.correct], "丙");
        assert!(
            reordered(&question("q"), &[0, 1]).is_err(),
            "the content changed"
        );
    }
}
