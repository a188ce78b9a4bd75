//! Who may edit a course: admins every course, a trainer the courses they own or were granted.
//! Every authoring call passes here first, and a refusal is audited like any other.

use app::backend::{Actor, User};
use app::codes::{AuditAction, Role};
use app::error::AppError;
use app::i18n::authoring::AuthoringProblem;

use crate::error::ServerError;
use crate::services::accounts::sessions::normalise_login;
use crate::services::authz;
use crate::store::{now, Store};

/// The user, when they may edit `course_id`; `Some(is_owner)` says whether they may grant.
pub async fn editor<'a>(
    store: &Store,
    actor: &'a Actor,
    course_id: &str,
    action: &str,
) -> Result<(&'a User, bool), ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer, Role::Admin], action).await?;
    if !store.course_exists_for_authoring(course_id).await? {
        return Err(AppError::NotFound.into());
    }
    if user.role == Role::Admin {
        return Ok((user, true));
    }
    match store.course_editor(course_id, user.id).await? {
        Some(is_owner) => Ok((user, is_owner)),
        None => authz::deny(store, user, action, &format!("course {course_id}"), None).await,
    }
}

/// A course id: a folder name of lowercase letters, digits and dashes.
fn course_id(text: &str) -> Result<String, ServerError> {
    let id = text.trim().to_ascii_lowercase();
    let plain = id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if id.len() < 3 || id.len() > 40 || !plain || id.starts_with('-') {
        return Err(AppError::from(AuthoringProblem::CourseId).into());
    }
    Ok(id)
}

/// Starts a course: its owner is the trainer (or admin) who starts it, and its files (a course,
/// a module and a lesson from the templates) are a draft until its first publication, so
/// learners see nothing of it before then.
pub async fn create_course(store: &Store, actor: &Actor, id: &str) -> Result<String, ServerError> {
    let action = "courses.create";
    let user = authz::require(store, actor, &[Role::Trainer, Role::Admin], action).await?;
    let id = course_id(id)?;
    if store.course_exists_for_authoring(&id).await? || store.course(&id).await?.is_some() {
        return Err(AppError::from(AuthoringProblem::CourseExists).into());
    }
    let at = now();
    store
        .grant_course_editor(&id, user.id, true, None, at)
        .await?;
    let today = app::dates::beijing_day(at);
    // Module and lesson ids from the course's own, so they are no other course's.
    let module = format!("01-{id}");
    let lesson = format!("{module}/01-{id}-1.md");
    let files = [
        ("course.md".to_string(), super::pages::new_course(&id)),
        (
            format!("{module}/module.md"),
            super::pages::new_module(&module),
        ),
        (lesson.clone(), super::pages::new_lesson(&lesson, &today)),
    ];
    let files: Vec<(&str, Option<&[u8]>)> = files
        .iter()
        .map(|(path, text)| (path.as_str(), Some(text.as_bytes())))
        .collect();
    store.save_draft_files(&id, &files, user.id, at).await?;
    let target = format!("course {id}");
    authz::audit(store, user, AuditAction::CreatedCourse, &target, None, "").await?;
    Ok(id)
}

/// Lets a trainer edit the course; only its owner or an admin may.
pub async fn grant(
    store: &Store,
    actor: &Actor,
    course_id: &str,
    login: &str,
) -> Result<(), ServerError> {
    let action = "courses.grant";
    let (user, may_grant) = editor(store, actor, course_id, action).await?;
    if !may_grant {
        return authz::deny(store, user, action, &format!("course {course_id}"), None).await;
    }
    let trainer = match store.user_for_sign_in(&normalise_login(login)).await? {
        Some((found, _)) if found.role == Role::Trainer => found,
        _ => return Err(AppError::Invalid(AuthoringProblem::NotATrainer.into()).into()),
    };
    if store
        .grant_course_editor(course_id, trainer.id, false, Some(user.id), now())
        .await?
    {
        let target = format!("course {course_id}");
        let detail = format!("user {}", trainer.id);
        authz::audit(
            store,
            user,
            AuditAction::GrantedEditing,
            &target,
            None,
            &detail,
        )
        .await?;
    }
    Ok(())
}
