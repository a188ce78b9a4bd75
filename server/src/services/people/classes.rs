//! Training classes: trainers open them in their region and share the join code; learners who
//! register with the code (or are created in bulk for the class) become the trainer's learners.

use app::backend::Actor;
use app::codes::{AuditAction, Role};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{ClassDetail, ClassItem, NewClass};
use argon2::password_hash::rand_core::{OsRng, RngCore};

use super::attendance;
use crate::error::ServerError;
use crate::services::accounts::sessions::normalise_login;
use crate::services::authz;
use crate::services::people::households::mask_phone;
use crate::store::people::classes::{join_class, ClassRow, NewClassRow};
use crate::store::{now, Store};

/// Join codes avoid letters and digits that look alike (0/O, 1/I/L) for reading aloud.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH: usize = 6;
const MAX_NAME_CHARS: usize = 60;

/// A trainer opens a class in a township or village of their region.
pub async fn create(store: &Store, actor: &Actor, new: &NewClass) -> Result<i64, ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer], "classes.create").await?;
    let Some(region_id) = new.region_id else {
        return Err(AppError::from(Problem::ChooseClassPlace).into());
    };
    authz::require_region(store, user, region_id, "classes.create").await?;
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        let problem = Problem::ClassName {
            max: MAX_NAME_CHARS,
        };
        return Err(AppError::from(problem).into());
    }
    let plan = plan(store, new).await?;
    // A clash with an existing code is rare (31^6 codes); try a few before giving up.
    for _ in 0..5 {
        let code = join_code();
        if store.class_by_code(&code).await?.is_none() {
            let row = NewClassRow {
                course_id: plan.course.as_deref(),
                starts_on: plan.starts_on.as_deref(),
                ends_on: plan.ends_on.as_deref(),
                ..NewClassRow::unplanned(name, user.id, region_id, &code)
            };
            let id = store.create_class(row, now()).await?;
            let action = AuditAction::CreatedClass;
            authz::audit(store, user, action, name, Some(region_id), &code).await?;
            return Ok(id);
        }
    }
    Err(ServerError::Internal("no free class join code".into()))
}

/// A trainer adds a learner of their region to a class by login or phone number. Whether the
/// login is unknown, a staff member's or another region's learner, the answer is the same, so
/// the form tells nothing about people outside the trainer's region.
pub async fn enrol(
    store: &Store,
    actor: &Actor,
    class_id: i64,
    login: &str,
) -> Result<(), ServerError> {
    let action = "classes.enrol";
    let (user, class) = attendance::own_class(store, actor, class_id, action).await?;
    let region = authz::home_region(store, &user, action).await?;
    let login = normalise_login(login);
    let found = match store.user_for_sign_in(&login).await? {
        Some((learner, _)) if learner.role == Role::Learner => Some(learner),
        _ => None,
    };
    let learner = match found {
        Some(learner) if store.learner_within(learner.id, region).await? => learner,
        _ => return Err(AppError::from(Problem::NoSuchLearnerHere).into()),
    };
    let mut tx = store.pool().begin().await?;
    join_class(&mut tx, class.id, learner.id, now()).await?;
    tx.commit().await?;
    store.refresh_learner_facts(learner.id).await
}

/// A trainer of a class adds a colleague: a trainer whose own region holds the class's place,
/// so they could have opened it themselves. Any other login gets one and the same answer.
pub async fn add_trainer(
    store: &Store,
    actor: &Actor,
    class_id: i64,
    login: &str,
) -> Result<(), ServerError> {
    let action = "classes.add_trainer";
    let (_, class) = attendance::own_class(store, actor, class_id, action).await?;
    let colleague = match store.user_for_sign_in(&normalise_login(login)).await? {
        Some((user, _)) if user.role == Role::Trainer && !user.disabled => user,
        _ => return Err(AppError::from(Problem::NoSuchTrainerHere).into()),
    };
    let covers = match colleague.region_id {
        Some(home) => store.region_within(class.region_id, home).await?,
        None => false,
    };
    if !covers {
        return Err(AppError::from(Problem::NoSuchTrainerHere).into());
    }
    store.add_class_trainer(class.id, colleague.id, now()).await
}

pub async fn mine(store: &Store, actor: &Actor) -> Result<Vec<ClassItem>, ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer], "classes.list").await?;
    Ok(store
        .classes_of_trainer(user.id)
        .await?
        .into_iter()
        .map(item)
        .collect())
}

/// One of the trainer's classes with its learners' progress and its sessions.
pub async fn detail(
    store: &Store,
    actor: &Actor,
    class_id: i64,
) -> Result<ClassDetail, ServerError> {
    let (_, class) = attendance::own_class(store, actor, class_id, "classes.view").await?;
    let learners = attendance::learners(store, class.id).await?;
    let sessions = attendance::sessions(store, class.id).await?;
    let lessons_total = attendance::lessons_total(store, &class).await?;
    let trainers = store.class_trainer_names(class.id).await?;
    Ok(ClassDetail {
        trainers,
        class: item(class),
        learners,
        lessons_total,
        sessions,
        produced_at: now(),
    })
}

/// A learner's login as a trainer sees it: a phone number masked like everywhere else (the
/// trainer's job does not need it), any other login whole.
pub(super) fn shown_login(login: &str) -> String {
    if login.len() == 11 && login.bytes().all(|b| b.is_ascii_digit()) {
        mask_phone(login)
    } else {
        login.to_string()
    }
}

/// A fresh random join code.
pub fn join_code() -> String {
    (0..CODE_LENGTH)
        .map(|_| CODE_ALPHABET[(OsRng.next_u32() as usize) % CODE_ALPHABET.len()] as char)
        .collect()
}

/// Codes are typed on phones: case and spaces do not matter.
pub fn normalise_code(code: &str) -> String {
    code.split_whitespace().collect::<String>().to_uppercase()
}

fn item(row: ClassRow) -> ClassItem {
    ClassItem {
        id: row.id,
        name: row.name,
        region: row.region_name,
        join_code: row.join_code,
        learners: row.learners,
        course: row.course_title,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
    }
}

/// A new class's course and days as stored: a live course, real days, the last not before the
/// first; what is left empty stays unplanned.
async fn plan(store: &Store, new: &NewClass) -> Result<Plan, ServerError> {
    let course = new.course_id.trim();
    let course = match course {
        "" => None,
        id => match store.course(id).await? {
            Some(course) => Some(course.id),
            None => return Err(AppError::from(Problem::ClassCourse).into()),
        },
    };
    let day = |text: &str| -> Result<Option<(String, i64)>, ServerError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let start = app::dates::day_start(text).ok_or(AppError::from(Problem::ClassDays))?;
        Ok(Some((text.to_string(), start)))
    };
    let (starts, ends) = (day(&new.starts_on)?, day(&new.ends_on)?);
    if let (Some((_, first)), Some((_, last))) = (&starts, &ends) {
        if last < first {
            return Err(AppError::from(Problem::ClassDays).into());
        }
    }
    Ok(Plan {
        course,
        starts_on: starts.map(|(text, _)| text),
        ends_on: ends.map(|(text, _)| text),
    })
}

struct Plan {
    course: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_codes_use_only_unambiguous_characters() {
        let code = join_code();
        assert_eq!(code.len(), CODE_LENGTH);
        assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
        assert_eq!(normalise_code(" ab c2 "), "ABC2");
    }
}
