//! Households and members for offices: lists and details (masked), an audited view of one
//! identity number, and the audited CSV export. Offices see only their own region and below.

use app::backend::Actor;
use app::codes::{AuditAction, Role};
use app::error::AppError;
use app::i18n::problems::Problem;
use app::model::{HouseholdDetail, HouseholdList, HouseholdSummary, MemberView, RevealedIdNumber};

use crate::error::ServerError;
use crate::people::csv_format::{self, Encoding, ExportMember};
use crate::people::record::{Gender, PovertyCause, PovertyType, Relation, TargetGroup};
use crate::services::{authz, Services};
use crate::store::people::households::{HouseholdRow, MemberRow};
use crate::store::Store;

const PAGE_SIZE: usize = 50;

/// A page of the office's households by number, after `after` (seek paging: the page costs the
/// same however far in it is).
pub async fn list(
    store: &Store,
    actor: &Actor,
    search: &str,
    after: Option<&str>,
) -> Result<HouseholdList, ServerError> {
    let user = authz::require(store, actor, &[Role::Office], "households.list").await?;
    let region = authz::home_region(store, user, "households.list").await?;
    let search = search.trim();
    let mut rows = store
        .households_within(region, search, after.unwrap_or_default(), PAGE_SIZE + 1)
        .await?;
    let more = rows.len() > PAGE_SIZE;
    rows.truncate(PAGE_SIZE);
    let next = more
        .then(|| rows.last().map(|r| r.number.clone()))
        .flatten();
    Ok(HouseholdList {
        households: rows.into_iter().map(summary).collect(),
        search: search.to_string(),
        next,
    })
}

pub async fn detail(store: &Store, actor: &Actor, id: i64) -> Result<HouseholdDetail, ServerError> {
    let user = authz::require(store, actor, &[Role::Office], "households.view").await?;
    let region = authz::home_region(store, user, "households.view").await?;
    let Some(household) = store.household_within(id, region).await? else {
        // Outside the region and missing look the same, so numbers cannot be probed.
        return Err(AppError::NotFound.into());
    };
    let members = store.members_within(region, Some(id)).await?;
    let cause = household
        .poverty_cause
        .as_deref()
        .and_then(PovertyCause::from_code)
        .map(|c| c.label().to_string());
    authz::audit(
        store,
        user,
        AuditAction::ViewedHousehold,
        &household.number,
        Some(household.village_id),
        "masked",
    )
    .await?;
    Ok(HouseholdDetail {
        summary: summary(household),
        poverty_cause: cause,
        members: members.iter().map(member_view).collect(),
    })
}

/// The full identity number of one member, written to the audit log before it is returned.
pub async fn reveal_id_number(
    services: &Services,
    actor: &Actor,
    member_id: i64,
) -> Result<RevealedIdNumber, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Office], "members.reveal_id").await?;
    let region = authz::home_region(store, user, "members.reveal_id").await?;
    let member = store.member_within(member_id, region).await?;
    let Some((member, cipher)) = member.and_then(|m| m.id_cipher.clone().map(|c| (m, c))) else {
        return Err(AppError::NotFound.into());
    };
    let target = format!("{} {}", member.household_number, member.name);
    authz::audit(
        store,
        user,
        AuditAction::RevealedIdNumber,
        &target,
        Some(member.village_id),
        "",
    )
    .await?;
    Ok(RevealedIdNumber {
        member_id: member.id,
        household_id: member.household_id,
        name: member.name,
        id_number: services.data_key.decrypt(&cipher)?,
    })
}

/// Every member of the office's region in the import format (full identity numbers), audited.
pub async fn export(
    services: &Services,
    actor: &Actor,
    encoding: &str,
) -> Result<Vec<u8>, ServerError> {
    let store = &services.store;
    let user = authz::require(store, actor, &[Role::Office], "households.export").await?;
    let region = authz::home_region(store, user, "households.export").await?;
    let encoding = match Encoding::parse(encoding) {
        None => return Err(AppError::from(Problem::ChooseEncoding).into()),
        Some(Encoding::Auto) => Encoding::Utf8,
        Some(encoding) => encoding,
    };
    let members = store.members_within(region, None).await?;
    let keys = &services.data_key;
    let id_numbers = members
        .iter()
        .map(|m| m.id_cipher.as_deref().map(|c| keys.decrypt(c)).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    let detail = format!("{} members", members.len());
    authz::audit(
        store,
        user,
        AuditAction::ExportedHouseholds,
        "households.csv",
        Some(region),
        &detail,
    )
    .await?;
    let rows = members
        .iter()
        .zip(&id_numbers)
        .map(|(m, id)| export_row(m, id.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(csv_format::write(rows, encoding))
}

/// A member as the export writes it; a stored code the vocabularies do not know is broken data,
/// reported instead of leaving the member out of the file.
fn export_row<'a>(
    m: &'a MemberRow,
    id_number: Option<&'a str>,
) -> Result<ExportMember<'a>, ServerError> {
    fn known<T>(value: Option<T>, what: &str, code: &str) -> Result<T, ServerError> {
        value.ok_or_else(|| ServerError::Internal(format!("stored {what} `{code}` is unknown")))
    }
    let poverty = match (m.poverty_type.as_deref(), m.poverty_cause.as_deref()) {
        (Some(t), Some(c)) => Some((
            known(PovertyType::from_code(t), "poverty type", t)?,
            known(PovertyCause::from_code(c), "poverty cause", c)?,
        )),
        _ => None,
    };
    Ok(ExportMember {
        household_number: &m.household_number,
        village: &m.village_name,
        name: &m.name,
        gender: known(Gender::from_code(&m.gender), "gender", &m.gender)?,
        birth_year: m.birth_year.and_then(|y| i32::try_from(y).ok()),
        relation: known(Relation::from_code(&m.relation), "relation", &m.relation)?,
        id_number,
        phone: m.phone.as_deref(),
        education: m.education.as_deref(),
        skills: m.skills.as_deref(),
        target_group: known(
            TargetGroup::from_code(&m.target_group),
            "target group",
            &m.target_group,
        )?,
        poverty,
    })
}

fn summary(row: HouseholdRow) -> HouseholdSummary {
    HouseholdSummary {
        id: row.id,
        number: row.number,
        village: row.village_name,
        poverty_type: row
            .poverty_type
            .as_deref()
            .and_then(PovertyType::from_code)
            .map(|t| t.label().to_string()),
        head: row.head_name,
        members: row.member_count,
    }
}

fn member_view(m: &MemberRow) -> MemberView {
    let label = |text: Option<&'static str>, code: &str| text.unwrap_or(code).to_string();
    MemberView {
        id: m.id,
        name: m.name.clone(),
        gender: label(Gender::from_code(&m.gender).map(|g| g.label()), &m.gender),
        birth_year: m.birth_year,
        relation: label(
            Relation::from_code(&m.relation).map(|r| r.label()),
            &m.relation,
        ),
        id_masked: m.id_masked.clone(),
        phone_masked: m.phone.as_deref().map(mask_phone),
        education: m.education.clone(),
        skills: m.skills.clone(),
        target_group: label(
            TargetGroup::from_code(&m.target_group).map(|g| g.label()),
            &m.target_group,
        ),
        account_id: m.user_id,
    }
}

/// `13812341234` → `138****1234`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_in_the_middle() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("12345"), "*****");
    }
}
