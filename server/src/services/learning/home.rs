//! The learner's home (`/me`): every course with progress per module, where to continue, their
//! certificates and their best quiz results. A fixed number of queries, however many courses.

use app::backend::Actor;
use app::codes::{QuizKind, Role};
use app::dates::beijing_day;
use app::i18n::Locale;
use app::model::{
    CertificateSummary, CourseProgress, LessonLink, ModuleProgress, MyLearning, QuizScore,
};

use super::certificates::payload_field;
use super::progress::{LearnerRecord, ModuleStanding};
use crate::error::ServerError;
use crate::services::reports::learners::outcome_view;
use crate::services::{authz, Services};
use crate::store::Store;

pub async fn my_learning(
    services: &Services,
    actor: &Actor,
    locale: Locale,
) -> Result<MyLearning, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Learner], "learning.home").await?;
    let record = LearnerRecord::read(store, user.id).await?;
    let (modules, lessons) = (
        store.course_modules(None).await?,
        store.lesson_sequence(None).await?,
    );
    let courses = store
        .list_courses()
        .await?
        .into_iter()
        .map(|course| {
            let own_modules: Vec<_> = modules
                .iter()
                .filter(|m| m.course_id == course.id)
                .cloned()
                .collect();
            let standings = record.module_standings(&own_modules, &lessons);
            let title = locale.pick(&course.title, &course.title_en).to_string();
            course_progress(course.id, &title, &standings, locale)
        })
        .collect();
    let continue_at = match store.last_lesson(user.id).await? {
        Some(id) => lessons.iter().find(|l| l.id == id).map(|l| LessonLink {
            id: l.id.clone(),
            title: locale.pick(&l.title, &l.title_en).to_string(),
            minutes: l.minutes,
        }),
        None => None,
    };
    Ok(MyLearning {
        courses,
        continue_at,
        certificates: summaries(store, user.id).await?,
        quizzes: quiz_scores(store, user.id, locale).await?,
        outcomes: store
            .outcomes_of(user.id)
            .await?
            .into_iter()
            .map(outcome_view)
            .collect(),
    })
}

fn course_progress(
    id: String,
    title: &str,
    modules: &[ModuleStanding],
    locale: Locale,
) -> CourseProgress {
    // A module's steps are its lessons and its test.
    let percent = |done: usize, steps: usize| (done * 100).checked_div(steps).unwrap_or(0);
    let module_views = modules
        .iter()
        .map(|m| ModuleProgress {
            title: locale.pick(&m.title, &m.title_en).to_string(),
            percent: percent(
                m.lessons_completed + usize::from(m.test_passed),
                m.lessons_total + 1,
            ),
            test_passed: m.test_passed,
        })
        .collect();
    let lessons_total = modules.iter().map(|m| m.lessons_total).sum::<usize>();
    let lessons_completed = modules.iter().map(|m| m.lessons_completed).sum::<usize>();
    let modules_passed = modules.iter().filter(|m| m.test_passed).count();
    CourseProgress {
        course_id: id,
        title: title.to_string(),
        percent: percent(
            lessons_completed + modules_passed,
            lessons_total + modules.len(),
        ),
        lessons_completed,
        lessons_total,
        modules_passed,
        modules_total: modules.len(),
        modules: module_views,
    }
}

async fn summaries(store: &Store, user_id: i64) -> Result<Vec<CertificateSummary>, ServerError> {
    let mut list = Vec::new();
    for c in store.certificates_of(user_id).await? {
        let title = payload_field(&c.payload, "course");
        list.push(CertificateSummary {
            code: c.code,
            course_title: title,
            issued_day: beijing_day(c.issued_at),
            revoked: c.revoked_at.is_some(),
        });
    }
    Ok(list)
}

/// The best result of every quiz the learner took, titles read in the same query.
pub async fn quiz_scores(
    store: &Store,
    user_id: i64,
    locale: Locale,
) -> Result<Vec<QuizScore>, ServerError> {
    let summaries = store.attempt_summaries(user_id).await?;
    Ok(summaries
        .into_iter()
        .map(|a| QuizScore {
            title: match (&a.title, &a.title_en) {
                (Some(zh), Some(en)) => locale.pick(zh, en).to_string(),
                _ => a.target_id.clone(),
            },
            is_module_test: a.target_kind == QuizKind::Module,
            best_correct: a.best_correct,
            total: a.total,
            passed: a.passed,
            attempts: a.attempts,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(done: usize, total: usize, passed: bool) -> ModuleStanding {
        ModuleStanding {
            module_id: "m".into(),
            title: "单元".into(),
            title_en: String::new(),
            lessons_total: total,
            lessons_completed: done,
            test_passed: passed,
        }
    }

    #[test]
    fn percent_counts_lessons_and_tests_per_module_and_course() {
        let modules = [module(4, 4, true), module(1, 3, false)];
        let progress = course_progress("c".into(), "课程", &modules, Locale::ZhCn);
        assert_eq!(progress.modules[0].percent, 100);
        assert_eq!(progress.modules[1].percent, 25);
        assert_eq!(progress.percent, 6 * 100 / 9);
        assert_eq!(
            (progress.lessons_completed, progress.modules_passed),
            (5, 1)
        );
    }
}
