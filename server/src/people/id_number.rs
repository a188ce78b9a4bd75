//! 18-digit resident identity numbers (公民身份号码, GB 11643-1999): validation including the
//! birth date and the ISO 7064 MOD 11-2 check character, and the masked form shown on pages.

use std::fmt;

/// A valid identity number, normalised (upper-case `X`).
#[derive(Clone, PartialEq, Eq)]
pub struct IdNumber(String);

/// Why a text is not a valid identity number (the import page words it: `RowProblem`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdNumberError {
    Length(usize),
    NotDigits,
    BirthDate,
    CheckCharacter { expected: char },
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdNumber {
    /// Parses and validates `text`, ignoring surrounding spaces and a lower-case `x`.
    pub fn parse(text: &str) -> Result<IdNumber, IdNumberError> {
        let normalised = text.trim().to_ascii_uppercase();
        let chars: Vec<char> = normalised.chars().collect();
        if chars.len() != 18 {
            return Err(IdNumberError::Length(chars.len()));
        }
        let digits: Option<Vec<u32>> = chars[..17].iter().map(|c| c.to_digit(10)).collect();
        let Some(digits) = digits else {
            return Err(IdNumberError::NotDigits);
        };
        if !(chars[17].is_ascii_digit() || chars[17] == 'X') {
            return Err(IdNumberError::NotDigits);
        }
        if !is_valid_birth_date(&digits[6..14]) {
            return Err(IdNumberError::BirthDate);
        }
        let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
        let expected = CHECK_CHARACTERS[(sum % 11) as usize];
        if chars[17] != expected {
            return Err(IdNumberError::CheckCharacter { expected });
        }
        Ok(IdNumber(normalised))
    }

    /// The full number, for encryption and the keyed look-up hash only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The form pages show: region prefix and two sequence digits, e.g. `4503**********12**`.
    /// The check character stays hidden: with it, the region and the birth year a page shows,
    /// only a few dozen full numbers would fit the mask.
    pub fn masked(&self) -> String {
        format!("{}**********{}**", &self.0[..4], &self.0[14..16])
    }
}

/// Never prints the full number, so it cannot leak into logs by accident.
impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

fn is_valid_birth_date(digits: &[u32]) -> bool {
    let number = |range: std::ops::Range<usize>| digits[range].iter().fold(0, |n, d| n * 10 + d);
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&year) && (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a valid number from 17 digits by computing its check character.
    fn with_check(first17: &str) -> String {
        let sum: u32 = first17
            .chars()
            .zip(WEIGHTS)
            .map(|(c, w)| c.to_digit(10).expect("digit") * w)
            .sum();
        format!("{first17}{}", CHECK_CHARACTERS[(sum % 11) as usize])
    }

    #[test]
    fn accepts_valid_numbers_and_normalises_x() {
        // The worked example of GB 11643-1999.
        let id = IdNumber::parse("11010519491231002x").expect("valid");
        assert_eq!(id.expose(), "11010519491231002X");
        let generated = with_check("45030219900229123");
        assert!(
            IdNumber::parse(&generated).is_err(),
            "1990 is not a leap year"
        );
        let generated = with_check("45030220000229123");
        assert!(IdNumber::parse(&generated).is_ok(), "2000 is a leap year");
    }

    #[test]
    fn explains_each_kind_of_mistake() {
        assert_eq!(IdNumber::parse("1234"), Err(IdNumberError::Length(4)));
        assert_eq!(
            IdNumber::parse("11010519491231A02X"),
            Err(IdNumberError::NotDigits)
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010519491331002")),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(IdNumberError::CheckCharacter { expected: 'X' })
        );
    }

    #[test]
    fn masks_all_but_region_prefix_and_two_sequence_digits() {
        let id = IdNumber::parse(&with_check("45030219900101123")).expect("valid");
        assert_eq!(id.masked(), "4503**********12**");
        assert_eq!(format!("{id:?}"), format!("IdNumber({})", id.masked()));
        assert!(!format!("{id:?}").contains("19900101"));
    }
}
