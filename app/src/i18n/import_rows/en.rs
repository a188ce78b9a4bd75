//! The import problems in English; column names and choice labels stay as the file has them.

use super::RowProblem;

impl RowProblem {
    pub(super) fn en(&self) -> String {
        use RowProblem as P;
        match self {
            P::Utf16 => "The file is UTF-16 (Excel's \"Unicode Text\") and cannot be imported; \
                         in Excel, save it as \"CSV UTF-8 (Comma delimited)\" or \"CSV (Comma delimited)\""
                .into(),
            P::NotUtf8 => "This line has text that is not UTF-8; the file may be GBK (the default \
                           of Excel's \"CSV (Comma delimited)\"): choose GBK or automatic and import again"
                .into(),
            P::NotGbk => "This line has text GBK cannot read; if the file is UTF-8, choose UTF-8 \
                          or automatic and import again"
                .into(),
            P::NeitherEncoding => "The file is neither UTF-8 nor GBK from this line on; it may be \
                                   damaged or in another encoding: save it from Excel as \
                                   \"CSV UTF-8 (Comma delimited)\" and import again"
                .into(),
            P::EmptyFile => "The file is empty: no header and no data".into(),
            P::HeaderOnly => "The file has only the header, no members".into(),
            P::NotCsv { detail } => format!("The file cannot be read as CSV: {detail}"),
            P::MissingColumns { missing, header } => format!(
                "The header lacks these columns: {}. The whole header is: {header}",
                missing.join(", ")
            ),
            P::UnknownColumns { names } => format!(
                "The header has columns the template does not know: {}; delete them or use the \
                 template's names. Garbled names mean the wrong encoding: choose another or automatic",
                names.join(", ")
            ),
            P::RepeatedColumn {
                name,
                first,
                second,
            } => format!("Column \"{name}\" appears twice (columns {first} and {second}); keep one"),
            P::FieldCount { fields, columns } => format!(
                "This line has {fields} fields but the header has {columns} columns; look for an \
                 extra or missing comma (text with a comma must be in double quotes)"
            ),
            P::Blank { column } => format!("{column} must not be blank"),
            P::VillageBlank => "村 (village) must not be blank: give the village's code or name".into(),
            P::BlankChoice { column, labels } => {
                format!("{column} must not be blank; write one of {labels}")
            }
            P::NotAChoice {
                column,
                text,
                labels,
                blank_ok,
            } => {
                let blank = if *blank_ok { " or leave it blank" } else { "" };
                format!("{column} \"{text}\" is not a known choice; write one of {labels}{blank}")
            }
            P::TooLong {
                column,
                max,
                length,
            } => format!("{column} may have at most {max} characters, this has {length}"),
            P::StrayCell { position } => format!(
                "Column {position} has no header but holds something; delete it or give the column a name"
            ),
            P::ExcelNumber { column } => format!(
                "Excel turned {column} into a number in scientific notation and lost its last \
                 digits; format the column as Text in Excel and type the whole {column} again"
            ),
            P::NumberTooLong { text } => {
                format!("Household number \"{text}\" is longer than 40 characters")
            }
            P::NumberCharacters { text } => format!(
                "Household number \"{text}\" may only hold Latin letters, digits and -"
            ),
            P::BirthYear { text, max } => format!(
                "Birth year \"{text}\" must be a 4-digit year from 1900 to {max} (such as 1985); \
                 leave it blank if unknown"
            ),
            P::BirthYearMismatch { year, from_id } => format!(
                "Birth year {year} differs from the year {from_id} in the identity number; please check"
            ),
            P::CauseMissing { labels } => format!(
                "With a poverty type, the main cause of poverty is needed too: {labels}"
            ),
            P::CauseWithoutType { labels } => format!(
                "Without a poverty type the main cause must be blank; for a registered poor \
                 household add the poverty type: {labels}"
            ),
            P::PoorWithoutType { labels } => format!(
                "A registered poor household member needs the household's poverty type: {labels}"
            ),
            P::IdLength { length } => {
                format!("An identity number has 18 characters; this has {length}")
            }
            P::IdNotDigits => "The first 17 characters of an identity number are digits, the \
                               last a digit or X"
                .into(),
            P::IdBirthDate => "Characters 7 to 14 of the identity number are not a valid birth date"
                .into(),
            P::IdCheck {
                expected,
                excel_zeros,
            } => {
                let excel = if *excel_zeros {
                    "; if Excel turned the last three digits into 000, format the column as Text \
                     and type it again"
                } else {
                    ""
                };
                format!(
                    "The identity number's check character is wrong (the first 17 give \
                     {expected}); was it copied correctly?{excel}"
                )
            }
            P::PhoneFormat => {
                "A phone number has 11 digits starting with 1; leave it blank if there is none".into()
            }
            P::NumberRepeated { number, first } => format!(
                "Household number \"{number}\" appeared on line {first} with other households in \
                 between; a household's members go together, and households need different numbers"
            ),
            P::IdRepeated { first } => format!(
                "The identity number is the same as on line {first}; a person is registered once"
            ),
            P::SecondHead { number, head } => format!(
                "Household \"{number}\" already has a head (line {head}); correct one row's relation"
            ),
            P::NoHead { number } => format!(
                "Household \"{number}\" has no head; set one member's relation to 户主"
            ),
            P::HouseholdDiffers {
                column,
                first_line,
                first,
                this,
            } => format!(
                "{column} must be the same on every row of a household: line {first_line} has \
                 \"{}\", this line \"{}\"",
                first.as_deref().unwrap_or("(blank)"),
                this.as_deref().unwrap_or("(blank)")
            ),
            P::IdRegistered => {
                "This identity number is already registered in another household of your region; please check".into()
            }
            P::HeldElsewhere => {
                "You cannot import this row. If you are sure it is right, ask your supervising administrator".into()
            }
            P::TooManyRows { max } => format!(
                "The file has more than {max} rows; split it by township and import each part"
            ),
            P::NumberExists { number } => {
                format!("Household number \"{number}\" already exists and cannot be imported again")
            }
            P::VillageAmbiguous { text } => format!(
                "More than one village of your region is called \"{text}\"; use the village's code"
            ),
            P::VillageUnknown { text } => format!(
                "Village \"{text}\" is not in your region's list; use a village name or code of your region"
            ),
            P::Stored(text) => text.clone(),
        }
    }
}
