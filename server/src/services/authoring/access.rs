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
    if store.course(course_id).await?.is_none() {
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
