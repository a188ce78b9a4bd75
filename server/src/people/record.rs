//! Households and members as offices keep them: the closed vocabularies (target groups, poor
//! household types, causes of poverty, relations) with the Chinese labels used in files and pages,
//! and the validated records the CSV import produces and the store saves.

use super::id_number::IdNumber;

/// Why a person is in the programme: shared with the browser, which filters reports by it.
pub use app::codes::TargetGroup;

app::codes! {
    /// The household type of a registered poor household (建档立卡贫困户属性).
    PovertyType {
        General = "general", "一般户" | "一般贫困户";
        Subsistence = "subsistence", "低保户" | "低保贫困户";
        FiveGuarantees = "five_guarantees", "五保户" | "特困供养户" | "特困供养贫困户";
    }
}

app::codes! {
    /// The main cause of poverty (主要致贫原因), as in the national registration form.
    PovertyCause {
        Illness = "illness", "因病";
        Disability = "disability", "因残";
        Schooling = "schooling", "因学";
        Disaster = "disaster", "因灾";
        NoLand = "no_land", "缺土地";
        NoWater = "no_water", "缺水";
        NoSkills = "no_skills", "缺技术";
        NoLabour = "no_labour", "缺劳力";
        NoCapital = "no_capital", "缺资金";
        Transport = "transport", "交通条件落后" | "交通落后";
        NoDrive = "no_drive", "自身发展动力不足" | "发展动力不足";
        Other = "other", "其他";
    }
}

app::codes! {
    /// A member's relation to the head of the household.
    Relation {
        Head = "head", "户主";
        Spouse = "spouse", "配偶";
        Child = "child", "子女" | "儿子" | "女儿";
        Parent = "parent", "父母" | "父亲" | "母亲";
        Grandchild = "grandchild", "孙子女" | "孙子" | "孙女";
        Sibling = "sibling", "兄弟姐妹";
        ChildInLaw = "child_in_law", "儿媳/女婿" | "儿媳" | "女婿";
        Other = "other", "其他";
    }
}

app::codes! {
    Gender {
        Male = "male", "男";
        Female = "female", "女";
    }
}

/// One member of a household, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRecord {
    /// The line of the file it came from (1 = the header), for messages.
    pub line: usize,
    pub name: String,
    pub gender: Gender,
    pub birth_year: Option<i32>,
    pub relation: Relation,
    pub id_number: Option<IdNumber>,
    /// Eleven digits starting with 1.
    pub phone: Option<String>,
    pub education: Option<String>,
    pub skills: Option<String>,
    pub target_group: TargetGroup,
}

/// One household with its members, validated; exactly one member is the head.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdRecord {
    /// The line of the household's first member.
    pub line: usize,
    /// The office's household number (户编号), unique across the deployment.
    pub number: String,
    /// The village as written: its administrative code, or its name. The service resolves it
    /// against the regions the importing office may write to.
    pub village: String,
    /// Set for registered poor households (建档立卡户) only, with their cause.
    pub poverty: Option<(PovertyType, PovertyCause)>,
    pub members: Vec<MemberRecord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_codes_round_trip() {
        for group in TargetGroup::ALL {
            assert_eq!(TargetGroup::from_label(group.label()), Some(*group));
            assert_eq!(TargetGroup::from_code(group.code()), Some(*group));
        }
        assert_eq!(
            PovertyType::from_label(" 低保贫困户 "),
            Some(PovertyType::Subsistence)
        );
        assert_eq!(Relation::from_label("儿子"), Some(Relation::Child));
        assert_eq!(Gender::from_label("男性"), None);
        assert!(PovertyCause::labels().contains("因病、因残"));
    }
}
