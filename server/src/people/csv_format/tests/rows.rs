//! Tests of the cell and household rules: each problem is reported on its line, with the column
//! and what to do.

use super::*;
use crate::people::id_number::{IdNumber, IdNumberError};

#[test]
fn reports_every_bad_cell_of_a_row_separately() {
    let row = member("H1", "甲", "户主");
    let row = with(row, Column::Gender, "M");
    let row = with(row, Column::BirthYear, "85");
    let row = with(row, Column::Phone, "1381234567");
    let row = with(row, Column::TargetGroup, "");
    let parsed = parse_rows(&[
        row,
        with(
            member("H1", "", "父亲"),
            Column::Education,
            &"大".repeat(21),
        ),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (2, "性别“M”无法识别，请填写 男、女"),
            (
                2,
                format!(
                    "出生年份“85”应为1900到{}之间的4位年份（如1985），不知道可留空",
                    fields_year()
                )
                .as_str()
            ),
            (2, "手机号应为以1开头的11位数字，没有可留空"),
            (
                2,
                "人员类别不能为空，请填写 建档立卡户、返乡人员、村干部、农村青年、其他"
            ),
            (3, "姓名不能为空"),
            (3, "文化程度最多20个字，这里有21个字，请精简"),
        ]
    );
    assert!(parsed.households.is_empty());
    assert_eq!(parsed.rows, 2);
}

fn fields_year() -> i32 {
    super::super::fields::current_year()
}

#[test]
fn checks_household_numbers() {
    let parsed = parse_rows(&[
        member("H 1", "甲", "户主"),
        member(&"H".repeat(41), "乙", "户主"),
        member("", "丙", "户主"),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (2, "户编号“H 1”只能由英文字母、数字和-组成"),
            (
                3,
                format!("户编号“{}”超过40个字符", "H".repeat(41)).as_str()
            ),
            (4, "户编号不能为空"),
        ]
    );
}

#[test]
fn a_household_number_that_reappears_later_is_a_duplicate() {
    let parsed = parse_rows(&[
        member("H1", "甲", "户主"),
        member("H2", "乙", "户主"),
        member("H1", "丙", "子女"),
    ]);
    let messages = errors(&parsed);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].0, 4);
    assert!(
        messages[0].1.starts_with("户编号“H1”重复：第2行已经出现过"),
        "{messages:?}"
    );
}

#[test]
fn a_household_has_exactly_one_head() {
    let parsed = parse_rows(&[
        member("H1", "甲", "户主"),
        member("H1", "乙", "户主"),
        member("H2", "丙", "配偶"),
        member("H2", "丁", "子女"),
        member("H3", "戊", "户主"),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (
                3,
                "户编号“H1”已有户主（第2行），一户只能有一位户主；请改正其中一行的与户主关系"
            ),
            (
                4,
                "户编号“H2”这一户没有户主；请把其中一位成员的与户主关系填为“户主”"
            ),
        ]
    );
    let numbers: Vec<&str> = parsed
        .households
        .iter()
        .map(|h| h.number.as_str())
        .collect();
    assert_eq!(numbers, vec!["H3"], "only the household without problems");
}

#[test]
fn an_unreadable_relation_does_not_also_report_a_missing_head() {
    let parsed = parse_rows(&[member("H1", "甲", "户长")]);
    assert_eq!(errors(&parsed).len(), 1);
    assert!(parsed.errors[0]
        .message()
        .starts_with("与户主关系“户长”无法识别，请填写 户主、配偶"));
}

#[test]
fn explains_invalid_identity_numbers() {
    let valid = with_check("45010319900101123");
    let last = valid.chars().last().unwrap_or_default();
    let wrong = format!("{}{}", &valid[..17], if last == '0' { '1' } else { '0' });
    let Err(IdNumberError::CheckCharacter { expected }) = IdNumber::parse(&wrong) else {
        panic!("{wrong} must have a wrong check character");
    };
    let wrong_check = format!("身份证号校验位不对（按前17位应为{expected}），请核对是否抄错");
    let parsed = parse_rows(&[
        with(member("H1", "甲", "户主"), Column::IdNumber, &wrong),
        with(member("H1", "乙", "子女"), Column::IdNumber, "4501031990"),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (2, wrong_check.as_str()),
            (3, "身份证号应为18位，这里是10位")
        ]
    );
}

#[test]
fn explains_numbers_excel_turned_into_scientific_notation() {
    let parsed = parse_rows(&[
        with(member("H1", "甲", "户主"), Column::IdNumber, "4.50103E+17"),
        with(member("H1", "乙", "子女"), Column::Village, "4.50103E+11"),
        with(
            member("H1", "丙", "子女"),
            Column::IdNumber,
            "450103198001011000",
        ),
    ]);
    let messages = errors(&parsed);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert_eq!(messages[0].0, 2);
    // What Excel left of an identity number is not repeated back.
    assert!(messages[0]
        .1
        .starts_with("身份证号被Excel当成数字改成了科学计数法"));
    assert!(!messages.iter().any(|(_, m)| m.contains("4.50103E+17")));
    assert!(messages[0]
        .1
        .contains("单元格格式设为“文本”，再重新输入完整的身份证号"));
    assert_eq!(messages[1].0, 3);
    assert!(messages[1].1.starts_with("村被Excel当成数字"));
    assert_eq!(messages[2].0, 4);
    assert!(messages[2]
        .1
        .ends_with("如果后三位被Excel变成了000，请把这一列的单元格格式设为“文本”后重新输入"));
}

#[test]
fn compares_birth_year_with_the_identity_number_and_finds_repeated_numbers() {
    let id = with_check("45010319900101123");
    let parsed = parse_rows(&[
        with(
            with(member("H1", "甲", "户主"), Column::IdNumber, &id),
            Column::BirthYear,
            "1991",
        ),
        with(
            member("H2", "乙", "户主"),
            Column::IdNumber,
            &id.to_lowercase(),
        ),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (2, "出生年份1991与身份证号里的出生年份1990不一致，请核对"),
            (3, "身份证号与第2行的相同，同一个人只能登记一次"),
        ]
    );
}

#[test]
fn registered_poor_members_need_a_poverty_type_and_cause() {
    let poor = with(
        member("H1", "甲", "户主"),
        Column::TargetGroup,
        "建档立卡户",
    );
    let parsed = parse_rows(&[
        poor.clone(),
        with(member("H2", "乙", "户主"), Column::PovertyCause, "因病"),
        with(member("H3", "丙", "户主"), Column::PovertyType, "一般户"),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (2, "人员类别是建档立卡户，这一户就要填写贫困户类型：一般户、低保户、五保户"),
            (3, "没填贫困户类型时主要致贫原因应留空；如果是建档立卡户，请补上贫困户类型：一般户、低保户、五保户"),
            (4, "填了贫困户类型，还要填写主要致贫原因：因病、因残、因学、因灾、缺土地、缺水、缺技术、缺劳力、缺资金、交通条件落后、自身发展动力不足、其他"),
        ]
    );
}

#[test]
fn village_and_poverty_status_are_the_same_on_every_row() {
    let poor = |name, relation| {
        let row = with(member("H1", name, relation), Column::PovertyType, "低保户");
        with(row, Column::PovertyCause, "因病")
    };
    let parsed = parse_rows(&[
        poor("甲", "户主"),
        with(poor("乙", "配偶"), Column::Village, "那坡村"),
        with(poor("丙", "子女"), Column::PovertyType, "一般贫困户"),
        with(poor("丁", "子女"), Column::PovertyType, "低保贫困户"),
    ]);
    assert_eq!(
        errors(&parsed),
        vec![
            (
                3,
                "同一户每一行的村应当相同：本户第2行是“450103001001”，这一行是“那坡村”"
            ),
            (
                4,
                "同一户每一行的贫困户类型应当相同：本户第2行是“低保户”，这一行是“一般户”"
            ),
        ],
        "another spelling of the same type is the same"
    );
}

#[test]
fn a_row_with_the_wrong_number_of_fields_keeps_its_household_out() {
    let mut text = file(&[member("H1", "甲", "户主"), member("H2", "乙", "户主")]);
    text.push_str(&member("H2", "丙", "子女")[..12].join(","));
    text.push_str("\nH3,村,丁,男,,户主,,,,,其他,,,,\n");
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    assert_eq!(
        errors(&parsed),
        vec![
            (4, "这一行有12个字段，表头有13列；请检查是否多了或少了逗号（含逗号的内容要用英文双引号括起来）"),
            (5, "这一行有15个字段，表头有13列；请检查是否多了或少了逗号（含逗号的内容要用英文双引号括起来）"),
        ]
    );
    assert_eq!(parsed.rows, 4);
    let numbers: Vec<&str> = parsed
        .households
        .iter()
        .map(|h| h.number.as_str())
        .collect();
    assert_eq!(numbers, vec!["H1"]);
}

#[test]
fn tolerates_empty_columns_without_a_header() {
    let mut text = HEADERS.join(",") + ",,\n";
    text.push_str(&(member("H1", "甲", "户主").join(",") + ",,\n"));
    text.push_str(&(member("H1", "乙", "子女").join(",") + ",,备注\n"));
    let parsed = parse(text.as_bytes(), Encoding::Auto);
    assert_eq!(
        errors(&parsed),
        vec![(
            3,
            "第15列没有列名，却填了内容；请删除这些内容，或给这一列补上列名"
        )]
    );
}
