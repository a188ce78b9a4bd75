//! Households and members for offices: lists and details (masked), an audited view of one
//! identity number, and the audited CSV export. Offices see only their own region and below.

use app::backend::{Actor, Role};
use app::error::AppError;
use app::model::{HouseholdDetail, HouseholdList, HouseholdSummary, MemberView, RevealedIdNumber};

use super::authz;
use crate::error::ServerError;
use crate::keys::DataKey;
use crate::people::csv_format::{self, Encoding, ExportMember};
use crate::people::record::{Gender, PovertyCause, PovertyType, Relation, TargetGroup};
use crate::store::households::{HouseholdRow, MemberRow};
use crate::store::Store;

const PAGE_SIZE: i64 = 50;

pub async fn list(
    store: &Store,
    actor: &Actor,
    search: &str,
    page: i64,
) -> Result<HouseholdList, ServerError> {
    let user = authz::require(store, actor, &[Role::Office], "households.list").await?;
    let region = authz::home_region(store, user, "households.list").await?;
    let page = page.max(0);
    let search = search.trim();
    let mut rows = store
        .households_within(region, search, page * PAGE_SIZE, PAGE_SIZE + 1)
        .await?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok(HouseholdList {
        households: rows.into_iter().map(summary).collect(),
        search: search.to_string(),
        page,
        has_more,
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
        "viewed_household",
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
    store: &Store,
    keys: &DataKey,
    actor: &Actor,
    member_id: i64,
) -> Result<RevealedIdNumber, ServerError> {
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
        "revealed_id_number",
        &target,
        Some(member.village_id),
        "",
    )
    .await?;
    Ok(RevealedIdNumber {
        member_id: member.id,
        household_id: member.household_id,
        name: member.name,
        id_number: keys.decrypt(&cipher)?,
    })
}

/// Every member of the office's region in the import format (full identity numbers), audited.
pub async fn export(
    store: &Store,
    keys: &DataKey,
    actor: &Actor,
    encoding: Encoding,
) -> Result<Vec<u8>, ServerError> {
    let user = authz::require(store, actor, &[Role::Office], "households.export").await?;
    let region = authz::home_region(store, user, "households.export").await?;
    let members = store.members_within(region, None).await?;
    let id_numbers = members
        .iter()
        .map(|m| m.id_cipher.as_deref().map(|c| keys.decrypt(c)).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    let detail = format!("{} members", members.len());
    authz::audit(
        store,
        user,
        "exported_households",
        "households.csv",
        Some(region),
        &detail,
    )
    .await?;
    let rows = members
        .iter()
        .zip(&id_numbers)
        .filter_map(|(m, id)| export_row(m, id.as_deref()));
    Ok(csv_format::write(rows, encoding))
}

fn export_row<'a>(m: &'a MemberRow, id_number: Option<&'a str>) -> Option<ExportMember<'a>> {
    let poverty = match (m.poverty_type.as_deref(), m.poverty_cause.as_deref()) {
        (Some(t), Some(c)) => Some((PovertyType::from_code(t)?, PovertyCause::from_code(c)?)),
        _ => None,
    };
    Some(ExportMember {
        household_number: &m.household_number,
        village: &m.village_name,
        name: &m.name,
        gender: Gender::from_code(&m.gender)?,
        birth_year: m.birth_year.and_then(|y| i32::try_from(y).ok()),
        relation: Relation::from_code(&m.relation)?,
        id_number,
        phone: m.phone.as_deref(),
        education: m.education.as_deref(),
        skills: m.skills.as_deref(),
        target_group: TargetGroup::from_code(&m.target_group)?,
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
