//! Training classes: trainers open them in their region and share the join code; learners who
//! register with the code (or are created in bulk for the class) become the trainer's learners.

use app::backend::{Actor, Role};
use app::error::AppError;
use app::model::{ClassDetail, ClassItem, LearnerItem};
use argon2::password_hash::rand_core::{OsRng, RngCore};

use super::authz;
use crate::error::ServerError;
use crate::store::classes::ClassRow;
use crate::store::{now, Store};

/// Join codes avoid letters and digits that look alike (0/O, 1/I/L) for reading aloud.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH: usize = 6;

pub async fn create(
    store: &Store,
    actor: &Actor,
    name: &str,
    region_id: i64,
) -> Result<i64, ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer], "classes.create").await?;
    authz::require_region(store, user, region_id, "classes.create").await?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(AppError::Invalid("班级名称不能为空，最多60个字".into()).into());
    }
    // A clash with an existing code is rare (31^6 codes); try a few before giving up.
    for _ in 0..5 {
        let code = join_code();
        if store.class_by_code(&code).await?.is_none() {
            let id = store
                .create_class(name, user.id, region_id, &code, now())
                .await?;
            authz::audit(store, user, "created_class", name, Some(region_id), &code).await?;
            return Ok(id);
        }
    }
    Err(ServerError::Internal("no free class join code".into()))
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

/// One of the trainer's classes with its learners.
pub async fn detail(
    store: &Store,
    actor: &Actor,
    class_id: i64,
) -> Result<ClassDetail, ServerError> {
    let user = authz::require(store, actor, &[Role::Trainer], "classes.view").await?;
    let Some(class) = store.class_of_trainer(class_id, user.id).await? else {
        return authz::deny(
            store,
            user,
            "classes.view",
            &format!("class {class_id}"),
            None,
        )
        .await;
    };
    let learners = store.class_learners(class.id).await?;
    Ok(ClassDetail {
        class: item(class),
        learners: learners
            .into_iter()
            .map(|(id, login, name)| LearnerItem { id, login, name })
            .collect(),
    })
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
    }
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
