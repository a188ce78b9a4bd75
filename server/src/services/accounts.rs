//! Accounts: the first administrator (command line), staff accounts made by admins, learners
//! registering themselves with a class join code, and changing one's own password (which a
//! reset forces at the next sign-in).

use app::backend::{Actor, Role};
use app::error::AppError;
use app::model::StaffItem;

use super::auth::normalise_login;
use super::authz;
use super::classes::normalise_code;
use crate::auth::password::Passwords;
use crate::error::ServerError;
use crate::store::accounts::{insert_user, NewUser};
use crate::store::classes::join_class;
use crate::store::{now, Store};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

pub struct NewAccount<'a> {
    pub login: &'a str,
    pub display_name: &'a str,
    pub role: &'a str,
    pub password: &'a str,
    pub region_id: Option<i64>,
}

/// Checks the input and creates the account; returns its id. Used by the command line (the
/// first administrator) and, after authorization, by admins.
pub async fn create_account(
    store: &Store,
    passwords: &Passwords,
    new: NewAccount<'_>,
) -> Result<i64, ServerError> {
    let login = normalise_login(new.login);
    let role = Role::parse(new.role).ok_or_else(|| {
        invalid(format!(
            "role `{}` is unknown; use learner, trainer, office or admin",
            new.role
        ))
    })?;
    check_login(store, &login).await?;
    check_name(new.display_name)?;
    check_password(new.password)?;
    if matches!(role, Role::Office | Role::Trainer) && new.region_id.is_none() {
        return Err(invalid("offices and trainers need a region".into()));
    }
    let hash = passwords.hash(new.password.to_string()).await?;
    let user = NewUser {
        login: &login,
        display_name: new.display_name.trim(),
        password_hash: &hash,
        role: role.as_str(),
        region_id: new.region_id,
        must_change_password: false,
    };
    store.create_user(user, now()).await
}

/// An admin creates a staff account; the new person must change the password at first sign-in.
pub async fn create_staff(
    store: &Store,
    passwords: &Passwords,
    actor: &Actor,
    new: NewAccount<'_>,
) -> Result<i64, ServerError> {
    let admin = authz::require(store, actor, &[Role::Admin], "staff.create").await?;
    if new.role == Role::Learner.as_str() {
        return Err(invalid(
            "学员账号请用班级邀请码注册，或由培训老师、乡镇批量创建".into(),
        ));
    }
    if let Some(region) = new.region_id {
        store
            .region(region)
            .await?
            .ok_or_else(|| invalid("所选区域不存在".into()))?;
    }
    let id = create_account(store, passwords, new).await?;
    store.require_password_change(id).await?;
    authz::audit(
        store,
        admin,
        "created_staff",
        &format!("user {id}"),
        None,
        "",
    )
    .await?;
    Ok(id)
}

pub async fn list_staff(store: &Store, actor: &Actor) -> Result<Vec<StaffItem>, ServerError> {
    authz::require(store, actor, &[Role::Admin], "staff.list").await?;
    let regions = store.regions_within(None).await?;
    let region_name = |id: Option<i64>| {
        id.and_then(|id| regions.iter().find(|r| r.id == id))
            .map(|r| r.name.clone())
    };
    let users = store.staff_users().await?;
    Ok(users
        .into_iter()
        .map(|u| StaffItem {
            id: u.id,
            region: region_name(u.region_id),
            login: u.login,
            name: u.display_name,
            role: u.role,
            disabled: u.disabled,
        })
        .collect())
}

pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    /// The new password typed a second time.
    pub confirm: &'a str,
}

/// Changes the signed-in person's own password; other sessions of the account end.
pub async fn change_password(
    store: &Store,
    passwords: &Passwords,
    actor: &Actor,
    change: PasswordChange<'_>,
) -> Result<(), ServerError> {
    let user = authz::signed_in(actor)?;
    let PasswordChange {
        current,
        new,
        confirm,
    } = change;
    if new != confirm {
        return Err(invalid("两次输入的新密码不一样".into()));
    }
    let account = store.user(user.id).await?.ok_or(AppError::SignInRequired)?;
    let stored = store
        .user_for_sign_in(&account.login)
        .await?
        .map(|(_, hash)| hash)
        .ok_or(AppError::SignInRequired)?;
    if !passwords.verify(current.to_string(), stored).await? {
        return Err(invalid("当前密码不对".into()));
    }
    check_password(new)?;
    if new == current {
        return Err(invalid("新密码不能和原来的一样".into()));
    }
    let hash = passwords.hash(new.to_string()).await?;
    store
        .set_password(user.id, &hash, false, &user.session_id, now())
        .await?;
    authz::audit(
        store,
        user,
        "changed_password",
        &format!("user {}", user.id),
        None,
        "",
    )
    .await
}

pub struct Registration<'a> {
    pub join_code: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub password: &'a str,
}

/// A learner registers with a class join code and their phone number; returns the new id.
pub async fn register(
    store: &Store,
    passwords: &Passwords,
    form: Registration<'_>,
) -> Result<i64, ServerError> {
    let code = normalise_code(form.join_code);
    let class = store
        .class_by_code(&code)
        .await?
        .ok_or_else(|| invalid("邀请码不对，请向培训老师核对".into()))?;
    let phone = normalise_login(form.phone);
    if phone.len() != 11 || !phone.starts_with('1') || !phone.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid("手机号应为11位数字".into()));
    }
    check_login(store, &phone).await?;
    check_name(form.name)?;
    check_password(form.password)?;
    let hash = passwords.hash(form.password.to_string()).await?;
    let user = NewUser {
        login: &phone,
        display_name: form.name.trim(),
        password_hash: &hash,
        role: Role::Learner.as_str(),
        region_id: Some(class.region_id),
        must_change_password: false,
    };
    let mut tx = store.pool().begin().await?;
    let at = now();
    let id = insert_user(&mut *tx, user, at).await?;
    join_class(&mut tx, class.id, id, at).await?;
    tx.commit().await?;
    Ok(id)
}

async fn check_login(store: &Store, login: &str) -> Result<(), ServerError> {
    if login.chars().count() < 3 || login.chars().count() > 40 {
        return Err(invalid("登录名（手机号或用户名）应为3到40个字符".into()));
    }
    if store.user_for_sign_in(login).await?.is_some() {
        return Err(invalid(format!(
            "“{login}”已经注册过了；忘记密码请找培训老师重置"
        )));
    }
    Ok(())
}

fn check_name(name: &str) -> Result<(), ServerError> {
    let count = name.trim().chars().count();
    if count == 0 || count > 30 {
        return Err(invalid("姓名不能为空，最多30个字".into()));
    }
    Ok(())
}

pub fn check_password(password: &str) -> Result<(), ServerError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(invalid(format!("密码至少要{MIN_PASSWORD_CHARS}位")));
    }
    Ok(())
}

fn invalid(message: String) -> ServerError {
    AppError::Invalid(message).into()
}
