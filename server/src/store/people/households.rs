//! SQL for households and their members. Every read that an office makes takes the office's
//! region and checks it inside the query, so a row outside the region is simply not found.

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::regions::within;
use crate::error::ServerError;
use crate::store::Store;

/// A household ready to save: village resolved, identity numbers already sealed.
pub struct NewHousehold {
    pub number: String,
    pub village_id: i64,
    pub poverty_type: Option<&'static str>,
    pub poverty_cause: Option<&'static str>,
    pub members: Vec<NewMember>,
}

pub struct NewMember {
    pub name: String,
    pub gender: &'static str,
    pub birth_year: Option<i64>,
    pub relation: &'static str,
    /// (ciphertext, keyed look-up hash, masked form)
    pub id_number: Option<(String, String, String)>,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub skills: Option<String>,
    pub target_group: &'static str,
}

/// A household as a list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdRow {
    pub id: i64,
    pub number: String,
    pub village_id: i64,
    pub village_name: String,
    pub poverty_type: Option<String>,
    pub poverty_cause: Option<String>,
    pub head_name: Option<String>,
    pub member_count: i64,
}

/// A member with the identity number sealed and masked; never the plain number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    pub id: i64,
    pub household_id: i64,
    pub household_number: String,
    pub village_id: i64,
    pub village_name: String,
    pub name: String,
    pub gender: String,
    pub birth_year: Option<i64>,
    pub relation: String,
    pub id_cipher: Option<String>,
    pub id_masked: Option<String>,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub skills: Option<String>,
    pub target_group: String,
    pub poverty_type: Option<String>,
    pub poverty_cause: Option<String>,
    pub user_id: Option<i64>,
}

const HOUSEHOLD_SELECT: &str = "SELECT h.id, h.number, h.village_id, v.name AS village_name,
    h.poverty_type, h.poverty_cause,
    (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = 'head') AS head_name,
    (SELECT COUNT(*) FROM members m WHERE m.household_id = h.id) AS member_count
    FROM households h JOIN regions v ON v.id = h.village_id";

const MEMBER_SELECT: &str = "SELECT m.id, m.household_id, h.number AS household_number,
    h.village_id, v.name AS village_name, m.name, m.gender, m.birth_year, m.relation, m.id_cipher,
    m.id_masked, m.phone, m.education, m.skills, m.target_group, h.poverty_type, h.poverty_cause,
    m.user_id
    FROM members m JOIN households h ON h.id = m.household_id JOIN regions v ON v.id = h.village_id";

/// Rows asked about at once in `IN (…)` look-ups; far below every engine's parameter limit.
const LOOKUP_CHUNK: usize = 500;

impl Store {
    /// Which of `numbers` already name a household, each with the household's village (the
    /// caller tells its own region's holdings from others').
    pub async fn existing_household_numbers(
        &self,
        numbers: &[&str],
    ) -> Result<Vec<(String, i64)>, ServerError> {
        self.existing_values(
            "SELECT number AS v, village_id FROM households WHERE number IN",
            numbers,
        )
        .await
    }

    /// Which of these identity look-up hashes are already stored, each with its household's
    /// village.
    pub async fn existing_id_lookups(
        &self,
        hashes: &[&str],
    ) -> Result<Vec<(String, i64)>, ServerError> {
        self.existing_values(
            "SELECT m.id_lookup AS v, h.village_id FROM members m
               JOIN households h ON h.id = m.household_id WHERE m.id_lookup IN",
            hashes,
        )
        .await
    }

    async fn existing_values(
        &self,
        select: &str,
        values: &[&str],
    ) -> Result<Vec<(String, i64)>, ServerError> {
        let mut found = Vec::new();
        for chunk in values.chunks(LOOKUP_CHUNK) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!("{select} ({})", placeholders.join(", "));
            let mut query = sqlx::query(&sql);
            for value in chunk {
                query = query.bind(*value);
            }
            for row in query.fetch_all(self.pool()).await? {
                found.push((row.try_get("v")?, row.try_get("village_id")?));
            }
        }
        Ok(found)
    }

    /// Households within `region` whose number, village or member matches `search`, by number,
    /// starting after number `after` (`""`: from the first).
    pub async fn households_within(
        &self,
        region: i64,
        search: &str,
        after: &str,
        limit: usize,
    ) -> Result<Vec<HouseholdRow>, ServerError> {
        let sql = format!(
            "{HOUSEHOLD_SELECT} WHERE {} AND ($2 = '' OR h.number LIKE $3 OR v.name LIKE $3
               OR EXISTS (SELECT 1 FROM members s WHERE s.household_id = h.id AND s.name LIKE $3))
               AND ($4 = '' OR h.number > $4)
             ORDER BY h.number LIMIT $5",
            within("h.village_id", 1)
        );
        let rows = sqlx::query(&sql)
            .bind(region)
            .bind(search)
            .bind(format!("%{search}%"))
            .bind(after)
            .bind(limit as i64)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(household_row).collect()
    }

    /// The household if it lies within `region`.
    pub async fn household_within(
        &self,
        id: i64,
        region: i64,
    ) -> Result<Option<HouseholdRow>, ServerError> {
        let sql = format!(
            "{HOUSEHOLD_SELECT} WHERE h.id = $2 AND {}",
            within("h.village_id", 1)
        );
        let row = sqlx::query(&sql)
            .bind(region)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(household_row).transpose()
    }

    /// Members of households within `region`: one household's (`household = Some`) or all.
    pub async fn members_within(
        &self,
        region: i64,
        household: Option<i64>,
    ) -> Result<Vec<MemberRow>, ServerError> {
        let sql = format!(
            "{MEMBER_SELECT} WHERE {} AND ($2 = 0 OR h.id = $2) ORDER BY h.number, m.position",
            within("h.village_id", 1)
        );
        let rows = sqlx::query(&sql)
            .bind(region)
            .bind(household.unwrap_or(0))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(member_row).collect()
    }

    /// One member if their household lies within `region`.
    pub async fn member_within(
        &self,
        id: i64,
        region: i64,
    ) -> Result<Option<MemberRow>, ServerError> {
        let sql = format!(
            "{MEMBER_SELECT} WHERE m.id = $2 AND {}",
            within("h.village_id", 1)
        );
        let row = sqlx::query(&sql)
            .bind(region)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(member_row).transpose()
    }

    /// Members of the households with these numbers within `region`, in the order the numbers
    /// are given (one query per chunk of numbers, not per household).
    pub async fn members_of_households(
        &self,
        region: i64,
        numbers: &[String],
    ) -> Result<Vec<MemberRow>, ServerError> {
        let mut members = Vec::new();
        for chunk in numbers.chunks(LOOKUP_CHUNK) {
            let placeholders: Vec<String> =
                (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "{MEMBER_SELECT} WHERE h.number IN ({}) AND {}",
                placeholders.join(", "),
                within("h.village_id", 1)
            );
            let mut query = sqlx::query(&sql).bind(region);
            for number in chunk {
                query = query.bind(number);
            }
            for row in &query.fetch_all(self.pool()).await? {
                members.push(member_row(row)?);
            }
        }
        let order = |m: &MemberRow| numbers.iter().position(|n| *n == m.household_number);
        // Members of one household were inserted in their order, so ids keep it.
        members.sort_by_key(|m| (order(m), m.id));
        Ok(members)
    }
}

/// Saves one household and its members inside the caller's transaction.
pub async fn insert_household(
    tx: &mut Transaction<'_, Any>,
    household: &NewHousehold,
    now: i64,
) -> Result<(), ServerError> {
    let row = sqlx::query(
        "INSERT INTO households (number, village_id, poverty_type, poverty_cause, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(&household.number)
    .bind(household.village_id)
    .bind(household.poverty_type)
    .bind(household.poverty_cause)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let household_id: i64 = row.try_get("id")?;
    for (position, member) in household.members.iter().enumerate() {
        let (cipher, lookup, masked) = match &member.id_number {
            Some((c, l, m)) => (Some(c.as_str()), Some(l.as_str()), Some(m.as_str())),
            None => (None, None, None),
        };
        sqlx::query(
            "INSERT INTO members (household_id, position, name, gender, birth_year, relation, id_cipher,
               id_lookup, id_masked, phone, education, skills, target_group, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(household_id)
        .bind(position as i64)
        .bind(&member.name)
        .bind(member.gender)
        .bind(member.birth_year)
        .bind(member.relation)
        .bind(cipher)
        .bind(lookup)
        .bind(masked)
        .bind(member.phone.as_deref())
        .bind(member.education.as_deref())
        .bind(member.skills.as_deref())
        .bind(member.target_group)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Links a member to the learner account made for them.
pub async fn link_member_account(
    tx: &mut Transaction<'_, Any>,
    member_id: i64,
    user_id: i64,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE members SET user_id = $1 WHERE id = $2 AND user_id IS NULL")
        .bind(user_id)
        .bind(member_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn household_row(r: &AnyRow) -> Result<HouseholdRow, ServerError> {
    Ok(HouseholdRow {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        village_id: r.try_get("village_id")?,
        village_name: r.try_get("village_name")?,
        poverty_type: r.try_get("poverty_type")?,
        poverty_cause: r.try_get("poverty_cause")?,
        head_name: r.try_get("head_name")?,
        member_count: r.try_get("member_count")?,
    })
}

fn member_row(r: &AnyRow) -> Result<MemberRow, ServerError> {
    Ok(MemberRow {
        id: r.try_get("id")?,
        household_id: r.try_get("household_id")?,
        household_number: r.try_get("household_number")?,
        village_id: r.try_get("village_id")?,
        village_name: r.try_get("village_name")?,
        name: r.try_get("name")?,
        gender: r.try_get("gender")?,
        birth_year: r.try_get("birth_year")?,
        relation: r.try_get("relation")?,
        id_cipher: r.try_get("id_cipher")?,
        id_masked: r.try_get("id_masked")?,
        phone: r.try_get("phone")?,
        education: r.try_get("education")?,
        skills: r.try_get("skills")?,
        target_group: r.try_get("target_group")?,
        poverty_type: r.try_get("poverty_type")?,
        poverty_cause: r.try_get("poverty_cause")?,
        user_id: r.try_get("user_id")?,
    })
}
