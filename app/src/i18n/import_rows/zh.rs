//! The import problems in Simplified Chinese, the template's own language.

use super::RowProblem;

impl RowProblem {
    pub(super) fn zh(&self) -> String {
        use RowProblem as P;
        match self {
            P::Utf16 => "文件是UTF-16编码（Excel的“Unicode文本”格式），无法导入；\
                         请在Excel中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”"
                .into(),
            P::NotUtf8 => "这一行有不是UTF-8编码的文字，文件可能是GBK编码\
                           （Excel“CSV（逗号分隔）”的默认编码）；请把编码选为GBK或自动后重新导入"
                .into(),
            P::NotGbk => "这一行有无法按GBK编码识别的文字；如果文件是UTF-8编码，\
                          请把编码选为UTF-8或自动后重新导入"
                .into(),
            P::NeitherEncoding => {
                "文件既不是UTF-8也不是GBK编码（从这一行起无法识别），可能已损坏或是别的编码；\
                 请在Excel中另存为“CSV UTF-8（逗号分隔）”后重新导入"
                    .into()
            }
            P::EmptyFile => "文件是空的，没有表头和数据".into(),
            P::HeaderOnly => "文件只有表头，没有成员数据".into(),
            P::NotCsv { detail } => format!("文件无法按CSV格式读取：{detail}"),
            P::MissingColumns { missing, header } => {
                format!(
                    "表头缺少这些列：{}。完整的表头是：{header}",
                    missing.join("、")
                )
            }
            P::UnknownColumns { names } => format!(
                "表头有无法识别的列：{}；请删除这些列或改成模板里的列名。\
                 如果列名是乱码，说明编码选得不对，请换一种编码或选“自动”",
                quoted_zh(names)
            ),
            P::RepeatedColumn {
                name,
                first,
                second,
            } => format!("列“{name}”出现了两次（第{first}列和第{second}列），请只保留一列"),
            P::FieldCount { fields, columns } => format!(
                "这一行有{fields}个字段，表头有{columns}列；请检查是否多了或少了逗号\
                 （含逗号的内容要用英文双引号括起来）"
            ),
            P::Blank { column } => format!("{column}不能为空"),
            P::VillageBlank => "村不能为空，请填写村的行政区划代码或村名".into(),
            P::BlankChoice { column, labels } => format!("{column}不能为空，请填写 {labels}"),
            P::NotAChoice {
                column,
                text,
                labels,
                blank_ok,
            } => {
                let blank = if *blank_ok { " 或留空" } else { "" };
                format!("{column}“{text}”无法识别，请填写 {labels}{blank}")
            }
            P::TooLong {
                column,
                max,
                length,
            } => format!("{column}最多{max}个字，这里有{length}个字，请精简"),
            P::StrayCell { position } => {
                format!("第{position}列没有列名，却填了内容；请删除这些内容，或给这一列补上列名")
            }
            P::ExcelNumber { column } => format!(
                "{column}被Excel当成数字改成了科学计数法，后面的数字已经丢失；\
                 请在Excel里把这一列的单元格格式设为“文本”，再重新输入完整的{column}"
            ),
            P::NumberTooLong { text } => format!("户编号“{text}”超过40个字符"),
            P::NumberCharacters { text } => {
                format!("户编号“{text}”只能由英文字母、数字和-组成")
            }
            P::BirthYear { text, max } => {
                format!("出生年份“{text}”应为1900到{max}之间的4位年份（如1985），不知道可留空")
            }
            P::BirthYearMismatch { year, from_id } => {
                format!("出生年份{year}与身份证号里的出生年份{from_id}不一致，请核对")
            }
            P::CauseMissing { labels } => {
                format!("填了贫困户类型，还要填写主要致贫原因：{labels}")
            }
            P::CauseWithoutType { labels } => format!(
                "没填贫困户类型时主要致贫原因应留空；如果是建档立卡户，请补上贫困户类型：{labels}"
            ),
            P::PoorWithoutType { labels } => {
                format!("人员类别是建档立卡户，这一户就要填写贫困户类型：{labels}")
            }
            P::IdLength { length } => format!("身份证号应为18位，这里是{length}位"),
            P::IdNotDigits => "身份证号前17位必须是数字，最后一位是数字或X".into(),
            P::IdBirthDate => "身份证号第7到14位不是有效的出生日期".into(),
            P::IdCheck {
                expected,
                excel_zeros,
            } => {
                let excel = if *excel_zeros {
                    "；如果后三位被Excel变成了000，请把这一列的单元格格式设为“文本”后重新输入"
                } else {
                    ""
                };
                format!("身份证号校验位不对（按前17位应为{expected}），请核对是否抄错{excel}")
            }
            P::PhoneFormat => "手机号应为以1开头的11位数字，没有可留空".into(),
            P::NumberRepeated { number, first } => format!(
                "户编号“{number}”重复：第{first}行已经出现过，而中间隔着别的户；\
                 同一户的成员要连在一起填写，不同的户要用不同的户编号"
            ),
            P::IdRepeated { first } => {
                format!("身份证号与第{first}行的相同，同一个人只能登记一次")
            }
            P::SecondHead { number, head } => format!(
                "户编号“{number}”已有户主（第{head}行），一户只能有一位户主；\
                 请改正其中一行的与户主关系"
            ),
            P::NoHead { number } => {
                format!("户编号“{number}”这一户没有户主；请把其中一位成员的与户主关系填为“户主”")
            }
            P::HouseholdDiffers {
                column,
                first_line,
                first,
                this,
            } => format!(
                "同一户每一行的{column}应当相同：本户第{first_line}行是“{}”，这一行是“{}”",
                first.as_deref().unwrap_or("（空）"),
                this.as_deref().unwrap_or("（空）")
            ),
            P::IdRegistered => "这个身份证号已经登记在本辖区别的户里，请核对".into(),
            P::HeldElsewhere => {
                "这一行不能由您导入。如果您确认信息无误，请联系上级管理员核实".into()
            }
            P::TooManyRows { max } => {
                format!("文件超过{max}行，请按乡镇分成几个文件分别导入")
            }
            P::NumberExists { number } => {
                format!("户编号“{number}”已经存在，不能重复导入")
            }
            P::VillageAmbiguous { text } => {
                format!("村名“{text}”在本辖区有重名，请改填村的行政区划代码")
            }
            P::VillageUnknown { text } => {
                format!("村“{text}”不在本辖区的村名单里，请填写本辖区的村名或行政区划代码")
            }
            P::Stored(text) => text.clone(),
        }
    }
}

fn quoted_zh(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("“{name}”"))
        .collect::<Vec<_>>()
        .join("、")
}
