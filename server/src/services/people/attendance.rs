//! A trainer's in-person sessions and the class progress table: attendance recorded per day,
//! and who is behind, on which lesson, last active, as a page and as a CSV or XLSX file. Only
//! the class's own trainer reaches any of it.

use app::backend::{Actor, ExportFile, ExportFormat, User};
use app::codes::Role;
use app::error::AppError;
use app::i18n::classes::{tc, C};
use app::i18n::problems::Problem;
use app::i18n::Locale;
use app::model::{Attendance, Cell, LearnerItem, SessionItem, Table};

use crate::error::ServerError;
use crate::services::authz;
use crate::services::reports::export;
use crate::store::people::attendance::ProgressRow;
use crate::store::people::classes::ClassRow;
use crate::store::{now, Store};

/// How far back a session may be recorded: a trainer catching up on paper lists, not a typo.
const OLDEST_SESSION_DAYS: i64 = 366;

/// The class if `actor` is its trainer; a refusal is audited as `action`.
pub async fn own_class(
    store: &Store,
    actor: &Actor,
    class_id: i64,
    action: &str,
) -> Result<(User, ClassRow), ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer], action).await?;
    match store.class_of_trainer(class_id, user.id).await? {
        Some(class) => Ok((user.clone(), class)),
        None => authz::deny(store, user, action, &format!("class {class_id}"), None).await,
    }
}

/// Records who came to the class's session on a day (again for the same day replaces it).
/// Returns how many were counted present.
pub async fn record(
    store: &Store,
    actor: &Actor,
    class_id: i64,
    attendance: &Attendance,
) -> Result<u64, ServerError> {
    let (user, class) = own_class(store, actor, class_id, "classes.attendance").await?;
    let held_on = session_day(&attendance.held_on, now())?;
    store
        .record_attendance(class.id, &held_on, &attendance.present, user.id, now())
        .await
}

/// `YYYY-MM-DD` of a past or today's day in Beijing, not older than a year.
fn session_day(text: &str, now: i64) -> Result<String, ServerError> {
    let day = text.trim();
    let today = app::dates::beijing_day_number(now);
    let ok = app::dates::day_start(day)
        .map(app::dates::beijing_day_number)
        .is_some_and(|n| n <= today && n >= today - OLDEST_SESSION_DAYS);
    if !ok {
        return Err(AppError::from(Problem::SessionDay).into());
    }
    Ok(day.to_string())
}

/// The class's learners with their progress, for the class page.
pub async fn learners(store: &Store, class_id: i64) -> Result<Vec<LearnerItem>, ServerError> {
    Ok(store
        .class_progress(class_id)
        .await?
        .into_iter()
        .map(learner_item)
        .collect())
}

pub async fn sessions(store: &Store, class_id: i64) -> Result<Vec<SessionItem>, ServerError> {
    Ok(store
        .class_sessions(class_id)
        .await?
        .into_iter()
        .map(|s| SessionItem {
            held_on: s.held_on,
            present: s.present,
        })
        .collect())
}

fn learner_item(row: ProgressRow) -> LearnerItem {
    LearnerItem {
        id: row.user_id,
        login: super::classes::shown_login(&row.login),
        name: row.name,
        lessons_done: row.lessons_done,
        last_active_at: row.last_active_at,
        certified: row.certified_at.is_some(),
        current_lesson: row.current_lesson,
        sessions_attended: row.sessions_attended,
    }
}

/// The live lessons of the class's course (of every course for a class without one).
pub async fn lessons_total(store: &Store, class: &ClassRow) -> Result<i64, ServerError> {
    let lessons = store.lesson_sequence(class.course_id.as_deref()).await?;
    Ok(lessons.len() as i64)
}

/// The progress table as a file, for the class's trainer.
pub async fn export_progress(
    store: &Store,
    actor: &Actor,
    class_id: i64,
    format: ExportFormat,
    locale: Locale,
) -> Result<ExportFile, ServerError> {
    let (_, class) = own_class(store, actor, class_id, "classes.export").await?;
    let total = lessons_total(store, &class).await?;
    let learners = learners(store, class.id).await?;
    let heading = vec![
        vec![class.name.clone()],
        vec![class.region_name.clone()],
        vec![app::dates::beijing_minute(now())],
    ];
    let table = progress_table(&learners, total, locale);
    let stem = format!("class-{}-{}", class.id, app::dates::beijing_day(now()));
    export::tables_file(&heading, &[table], &stem, format)
}

fn progress_table(learners: &[LearnerItem], total: i64, locale: Locale) -> Table {
    let header = [
        C::Name,
        C::Login,
        C::LessonsDone,
        C::CurrentLesson,
        C::LastActive,
        C::SessionsAttended,
        C::Certified,
    ];
    Table {
        title: tc(locale, C::ClassProgress).to_string(),
        header: header.iter().map(|c| tc(locale, *c).to_string()).collect(),
        rows: learners
            .iter()
            .map(|l| {
                vec![
                    Cell::Text(l.name.clone()),
                    Cell::Text(l.login.clone()),
                    Cell::Text(format!("{} / {total}", l.lessons_done)),
                    Cell::Text(lesson_title(l, locale)),
                    Cell::Text(
                        l.last_active_at
                            .map(app::dates::beijing_day)
                            .unwrap_or_default(),
                    ),
                    Cell::Count(l.sessions_attended),
                    Cell::Text(if l.certified { tc(locale, C::Yes) } else { "" }.to_string()),
                ]
            })
            .collect(),
    }
}

fn lesson_title(learner: &LearnerItem, locale: Locale) -> String {
    learner
        .current_lesson
        .as_ref()
        .map(|(zh, en)| locale.pick(zh.as_str(), en.as_str()).to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_day_is_a_real_day_up_to_today_and_within_a_year() {
        let now = app::dates::day_start("2026-12-04").unwrap_or_default() + 3_600;
        assert_eq!(
            session_day(" 2026-12-04 ", now).ok().as_deref(),
            Some("2026-12-04")
        );
        assert!(session_day("2026-12-01", now).is_ok());
        assert!(session_day("2026-12-05", now).is_err(), "not a future day");
        assert!(
            session_day("2025-11-01", now).is_err(),
            "not more than a year ago"
        );
        assert!(
            session_day("2026-02-30", now).is_err(),
            "not a day that does not exist"
        );
        assert!(session_day("4 December", now).is_err());
    }
}
