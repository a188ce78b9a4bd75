//! Quizzes: the module test drawn from a module's lesson quizzes, and grading on the server, so
//! the right answers never reach the browser before the learner has answered.

use app::backend::{Actor, Role};
use app::error::AppError;
use app::i18n::Locale;
use app::model::{ModuleTestPage, PassVerdict, QuestionResult, QuizResult, QuizTarget};

use super::content::{authorize_read, parse_quiz, public_question};
use super::learning;
use crate::content::Question;
use crate::error::ServerError;
use crate::keys::CertificateKey;
use crate::store::content::ModuleRow;
use crate::store::learning::NewAttempt;
use crate::store::Store;
use sha2::{Digest, Sha256};

pub async fn module_test(
    store: &Store,
    actor: &Actor,
    locale: Locale,
    module_id: &str,
) -> Result<ModuleTestPage, ServerError> {
    authorize_read(actor)?;
    let (module, questions) = module_questions(store, module_id).await?;
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
        event_id: super::learning::new_event_id(),
    })
}

/// Grades submitted answers (`None` for an unanswered question) against the target's questions.
/// A learner's graded attempt is stored once under `event_id` (the quiz form's id).
pub async fn check_quiz(
    store: &Store,
    key: &CertificateKey,
    actor: &Actor,
    submission: QuizSubmission<'_>,
) -> Result<QuizResult, ServerError> {
    authorize_read(actor)?;
    let QuizSubmission {
        target,
        answers,
        event_id,
    } = submission;
    let (result, kind, id) = match target {
        QuizTarget::Lesson(lesson_id) => {
            let (lesson, _) = store.lesson(lesson_id).await?.ok_or(AppError::NotFound)?;
            (
                grade(&parse_quiz(&lesson.quiz_json)?, answers)?,
                "lesson",
                lesson_id,
            )
        }
        QuizTarget::ModuleTest(module_id) => {
            let (module, questions) = module_questions(store, module_id).await?;
            let mut result = grade(&questions, answers)?;
            result.pass = Some(pass_verdict(&result, module.pass_mark));
            (result, "module", module_id)
        }
    };
    if let (Actor::User(user), Some(event_id)) = (actor, event_id) {
        if user.role == Role::Learner {
            let answers = serde_json::to_string(answers).unwrap_or_default();
            // One page view may send several answer sheets (a hydrated quiz stays on the page):
            // each different sheet is an attempt, the same sheet sent again is not.
            let sheet = hex::encode(Sha256::digest(answers.as_bytes()));
            let page: String = event_id
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(40)
                .collect();
            let event_id = format!("{page}-{}", &sheet[..16]);
            let attempt = NewAttempt {
                user_id: user.id,
                event_id: &event_id,
                target_kind: kind,
                target_id: id,
                correct: result.correct_count as i64,
                total: result.question_count as i64,
                passed: result.pass.as_ref().is_none_or(|p| p.passed),
                answers: &answers,
            };
            learning::record_attempt(store, key, user, attempt).await?;
        }
    }
    Ok(result)
}

/// Answers to one quiz, with the id of the form that sent them.
pub struct QuizSubmission<'a> {
    pub target: &'a QuizTarget,
    pub answers: &'a [Option<usize>],
    pub event_id: Option<&'a str>,
}

/// How many questions the quiz or module test has (what a posted answer sheet is read against).
pub async fn question_count(store: &Store, target: &QuizTarget) -> Result<usize, ServerError> {
    match target {
        QuizTarget::Lesson(lesson_id) => {
            let (lesson, _) = store.lesson(lesson_id).await?.ok_or(AppError::NotFound)?;
            Ok(parse_quiz(&lesson.quiz_json)?.len())
        }
        QuizTarget::ModuleTest(module_id) => Ok(module_questions(store, module_id).await?.1.len()),
    }
}

async fn module_questions(
    store: &Store,
    module_id: &str,
) -> Result<(ModuleRow, Vec<Question>), ServerError> {
    let module = store.module(module_id).await?.ok_or(AppError::NotFound)?;
    let quizzes = store
        .module_quizzes(&module.id)
        .await?
        .iter()
        .map(|json| parse_quiz(json))
        .collect::<Result<Vec<_>, _>>()?;
    let count = usize::try_from(module.test_questions).unwrap_or(0);
    let questions = draw_module_test(quizzes, count);
    if questions.is_empty() {
        return Err(AppError::NotFound.into());
    }
    Ok((module, questions))
}

/// Takes `count` questions round-robin over the lessons in order (first question of every lesson,
/// then the second, …) so the test covers the whole module and is the same for every learner of
/// the same content.
pub fn draw_module_test(quizzes: Vec<Vec<Question>>, count: usize) -> Vec<Question> {
    let mut iterators: Vec<_> = quizzes.into_iter().map(Vec::into_iter).collect();
    let mut drawn = Vec::with_capacity(count);
    while drawn.len() < count {
        let before = drawn.len();
        for questions in &mut iterators {
            if drawn.len() == count {
                break;
            }
            drawn.extend(questions.next());
        }
        if drawn.len() == before {
            break;
        }
    }
    drawn
}

fn pass_verdict(result: &QuizResult, pass_mark: i64) -> PassVerdict {
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
        let message = format!(
            "expected {} answers, got {}",
            questions.len(),
            answers.len()
        );
        return Err(AppError::Invalid(message).into());
    }
    let mut results = Vec::with_capacity(questions.len());
    for (index, (question, chosen)) in questions.iter().zip(answers).enumerate() {
        if chosen.is_some_and(|c| c >= question.choices.len()) {
            let message = format!("answer to question {} is not one of its choices", index + 1);
            return Err(AppError::Invalid(message).into());
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
        assert!(
            matches!(err, ServerError::App(AppError::Invalid(ref m)) if m == "expected 1 answers, got 0")
        );
        let err = grade(&[question("1", 0)], &[Some(7)]).expect_err("choice");
        assert!(
            matches!(err, ServerError::App(AppError::Invalid(ref m)) if m == "answer to question 1 is not one of its choices")
        );
    }

    #[test]
    fn module_test_draws_round_robin_over_lessons() {
        let quizzes = vec![
            vec![question("a1", 0), question("a2", 0), question("a3", 0)],
            vec![question("b1", 0)],
            vec![question("c1", 0), question("c2", 0)],
        ];
        let prompts = |n| -> Vec<String> {
            draw_module_test(quizzes.clone(), n)
                .into_iter()
                .map(|q| q.prompt)
                .collect()
        };
        assert_eq!(prompts(4), vec!["a1", "b1", "c1", "a2"]);
        assert_eq!(prompts(10), vec!["a1", "b1", "c1", "a2", "c2", "a3"]);
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
