//! Quizzes and grading on the server, so the right answers never reach the browser before the
//! learner has answered. A lesson quiz's submitted sheet is graded and a learner's attempt
//! stored; a reviewed sheet (the page shown after a posted form) is only graded. Module tests,
//! which gate the certificate, have their own rules (`module_test`).

use app::backend::{Actor, User};
use app::codes::Role;
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{AnswerSheet, PassVerdict, QuestionResult, QuizResult, QuizTarget};
use sha2::{Digest, Sha256};

use super::content::{authorize_read, parse_quiz};
use super::module_test;
use super::progress::{self, Stored};
use crate::content::Question;
use crate::error::ServerError;
use crate::services::Services;
use crate::store::learning::NewAttempt;
use crate::store::{now, Store};

/// Grades a submitted sheet; a learner's attempt is stored once per page view and sheet.
pub async fn submit(
    services: &Services,
    actor: &Actor,
    sheet: &AnswerSheet,
) -> Result<QuizResult, ServerError> {
    if let QuizTarget::ModuleTest(module) = &sheet.target {
        return module_test::submit(services, actor, sheet, module).await;
    }
    let (result, answers) = grade_sheet(&services.store, actor, sheet).await?;
    if let Actor::User(user) = actor {
        if user.role == Role::Learner {
            let answers_json = answers_json(&answers)?;
            let event_id = attempt_id(&sheet.page_event, &answers_json);
            let graded = Graded {
                sheet,
                result: &result,
                answers_json: &answers_json,
            };
            store_attempt(services, user, &event_id, graded, now()).await?;
        }
    }
    Ok(result)
}

/// A graded sheet and its answers as stored.
struct Graded<'a> {
    sheet: &'a AnswerSheet,
    result: &'a QuizResult,
    answers_json: &'a str,
}

fn answers_json(answers: &[Option<usize>]) -> Result<String, ServerError> {
    serde_json::to_string(answers).map_err(|e| ServerError::Internal(format!("answers: {e}")))
}

/// Stores a graded attempt once per event id, at `at`.
async fn store_attempt(
    services: &Services,
    user: &User,
    event_id: &str,
    graded: Graded<'_>,
    at: i64,
) -> Result<Stored, ServerError> {
    let attempt = NewAttempt {
        user_id: user.id,
        event_id,
        target_kind: graded.sheet.target.kind(),
        target_id: graded.sheet.target.id(),
        correct: graded.result.correct_count as i64,
        total: graded.result.question_count as i64,
        passed: graded.result.pass.as_ref().is_none_or(|p| p.passed),
        answers: graded.answers_json,
    };
    progress::record_attempt(services, user, attempt, at).await
}

/// Grades a learner's answers to a lesson quiz made offline at `at`, and stores them once per
/// event id. Module tests are not taken offline: their draw is made and kept by the server.
pub async fn answer_offline(
    services: &Services,
    user: &User,
    lesson_id: &str,
    event_id: &str,
    answers: &[Option<usize>],
    at: i64,
) -> Result<(Stored, QuizResult), ServerError> {
    let sheet = AnswerSheet {
        target: QuizTarget::Lesson(lesson_id.to_string()),
        page_event: event_id.to_string(),
        answers: answers.to_vec(),
    };
    let actor = Actor::User(user.clone());
    let (result, answers) = grade_sheet(&services.store, &actor, &sheet).await?;
    let answers_json = answers_json(&answers)?;
    let graded = Graded {
        sheet: &sheet,
        result: &result,
        answers_json: &answers_json,
    };
    let stored = store_attempt(services, user, event_id, graded, at).await?;
    Ok((stored, result))
}

/// Grades a sheet to show its verdict; stores nothing. A module test's verdict is that of its
/// stored attempt.
pub async fn review(
    services: &Services,
    actor: &Actor,
    sheet: &AnswerSheet,
) -> Result<QuizResult, ServerError> {
    if let QuizTarget::ModuleTest(module) = &sheet.target {
        return module_test::review(services, actor, sheet, module).await;
    }
    Ok(grade_sheet(&services.store, actor, sheet).await?.0)
}

/// The verdict on a sheet, and its answers padded to the quiz's length.
async fn grade_sheet(
    store: &Store,
    actor: &Actor,
    sheet: &AnswerSheet,
) -> Result<(QuizResult, Vec<Option<usize>>), ServerError> {
    authorize_read(actor)?;
    let questions = match &sheet.target {
        QuizTarget::Lesson(lesson_id) => {
            let (lesson, _) = store.lesson(lesson_id).await?.ok_or(AppError::NotFound)?;
            parse_quiz(&lesson.quiz_json)?
        }
        QuizTarget::ModuleTest(_) => return Err(AppError::NotFound.into()),
    };
    let mut answers = sheet.answers.clone();
    if answers.len() < questions.len() {
        // Unanswered questions at the end of a form send nothing.
        answers.resize(questions.len(), None);
    }
    let result = grade(&questions, &answers)?;
    Ok((result, answers))
}

/// One page view may send several answer sheets (a hydrated quiz stays on the page): each
/// different sheet is an attempt, the same sheet sent again is not.
fn attempt_id(page_event: &str, answers_json: &str) -> String {
    let sheet = hex::encode(Sha256::digest(answers_json.as_bytes()));
    let page: String = page_event
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect();
    format!("{page}-{}", &sheet[..16])
}

pub fn pass_verdict(result: &QuizResult, pass_mark: i64) -> PassVerdict {
    // Integer arithmetic: 8 of 10 at a pass mark of 80 passes exactly.
    let correct = i64::try_from(result.correct_count).unwrap_or(0);
    let total = i64::try_from(result.question_count).unwrap_or(i64::MAX);
    PassVerdict {
        pass_mark,
        passed: total > 0 && correct * 100 >= pass_mark * total,
    }
}

/// The verdict on `answers`; the count must match and each answer must name a choice.
pub fn grade(questions: &[Question], answers: &[Option<usize>]) -> Result<QuizResult, ServerError> {
    if answers.len() != questions.len() {
        let problem = Problem::AnswerCount {
            expected: questions.len(),
            got: answers.len(),
        };
        return Err(AppError::from(problem).into());
    }
    let mut results = Vec::with_capacity(questions.len());
    for (index, (question, chosen)) in questions.iter().zip(answers).enumerate() {
        if chosen.is_some_and(|c| c >= question.choices.len()) {
            let problem = Problem::AnswerNotAChoice {
                question: index + 1,
            };
            return Err(AppError::from(problem).into());
        }
        results.push(QuestionResult {
            chosen: *chosen,
            correct_choice: question.correct,
            is_correct: *chosen == Some(question.correct),
            explanation: question.explanation.clone(),
        });
    }
    Ok(QuizResult {
        correct_count: results.iter().filter(|r| r.is_correct).count(),
        question_count: questions.len(),
        questions: results,
        pass: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(prompt: &str, correct: usize) -> Question {
        Question {
            prompt: prompt.into(),
            choices: vec!["a".into(), "b".into(), "c".into()],
            correct,
            explanation: "why".into(),
        }
    }

    #[test]
    fn grades_right_wrong_and_unanswered() {
        let questions = [question("1", 0), question("2", 1), question("3", 2)];
        let result = grade(&questions, &[Some(0), Some(2), None]).expect("graded");
        assert_eq!(result.correct_count, 1);
        assert_eq!(result.question_count, 3);
        let verdicts: Vec<bool> = result.questions.iter().map(|q| q.is_correct).collect();
        assert_eq!(verdicts, vec![true, false, false]);
        assert_eq!(result.questions[1].correct_choice, 1);
    }

    #[test]
    fn rejects_wrong_answer_count_and_unknown_choice() {
        let err = grade(&[question("1", 0)], &[]).expect_err("count");
        assert!(matches!(
            err,
            ServerError::App(AppError::Invalid(Problem::AnswerCount {
                expected: 1,
                got: 0
            }))
        ));
        let err = grade(&[question("1", 0)], &[Some(7)]).expect_err("choice");
        assert!(matches!(
            err,
            ServerError::App(AppError::Invalid(Problem::AnswerNotAChoice { question: 1 }))
        ));
    }

    #[test]
    fn pass_mark_is_inclusive() {
        let result = |correct| QuizResult {
            correct_count: correct,
            question_count: 10,
            questions: vec![],
            pass: None,
        };
        assert!(pass_verdict(&result(8), 80).passed);
        assert!(!pass_verdict(&result(7), 80).passed);
        assert!(pass_verdict(&result(10), 100).passed);
    }
}
