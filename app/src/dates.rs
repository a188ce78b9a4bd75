//! Times as people in China read them: seconds since 1970 shown in Beijing time (UTC+8, no
//! daylight saving), without a date library in the wasm bundle.

/// `YYYY-MM-DD HH:MM`.
pub fn beijing_minute(seconds: i64) -> String {
    let local = seconds + 8 * 3600;
    let rest = local.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}",
        beijing_day(seconds),
        rest / 3600,
        rest % 3600 / 60
    )
}

/// `YYYY-MM-DD`.
pub fn beijing_day(seconds: i64) -> String {
    let days = (seconds + 8 * 3600).div_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_beijing_time() {
        assert_eq!(beijing_minute(0), "1970-01-01 08:00");
        assert_eq!(beijing_minute(1_764_460_800), "2025-11-30 08:00");
        assert_eq!(beijing_day(1_764_460_800 - 8 * 3600 - 1), "2025-11-29");
        assert_eq!(beijing_day(951_782_400), "2000-02-29");
    }
}
