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

/// `YYYY-MM`.
pub fn beijing_month(seconds: i64) -> String {
    beijing_day(seconds)[..7].to_string()
}

/// The day (counted from 1970-01-01) a time falls on in Beijing.
pub fn beijing_day_number(seconds: i64) -> i64 {
    (seconds + 8 * 3600).div_euclid(86_400)
}

/// `YYYY-MM` of a day number.
pub fn month_of_day_number(days: i64) -> String {
    let (year, month, _) = civil_from_days(days);
    format!("{year:04}-{month:02}")
}

/// The first second of `YYYY-MM-DD` in Beijing, if it is a real date.
pub fn day_start(date: &str) -> Option<i64> {
    let (year, month, day) = parse_date(date)?;
    Some(days_from_civil(year, month, day) * 86_400 - 8 * 3600)
}

/// The first second of `YYYY-MM` and of the month after it, in Beijing.
pub fn month_bounds(month: &str) -> Option<(i64, i64)> {
    let start = day_start(&format!("{month}-01"))?;
    let (year, number) = (
        month.get(..4)?.parse::<i64>().ok()?,
        month.get(5..7)?.parse::<i64>().ok()?,
    );
    let (next_year, next_month) = if number == 12 {
        (year + 1, 1)
    } else {
        (year, number + 1)
    };
    let end = days_from_civil(next_year, next_month, 1) * 86_400 - 8 * 3600;
    Some((start, end))
}

/// The same Beijing time `months` later (the day kept, or the month's last day when shorter).
pub fn add_months(seconds: i64, months: i64) -> i64 {
    let local = seconds + 8 * 3600;
    let (days, rest) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let index = year * 12 + (month - 1) + months;
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    let last = (28..=31)
        .rev()
        .find(|d| civil_from_days(days_from_civil(year, month, *d)) == (year, month, *d))
        .unwrap_or(28);
    days_from_civil(year, month, day.min(last)) * 86_400 + rest - 8 * 3600
}

fn parse_date(date: &str) -> Option<(i64, i64, i64)> {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = date[..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..].parse().ok()?;
    let valid = (1900..=2200).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && civil_from_days(days_from_civil(year, month, day)) == (year, month, day);
    valid.then_some((year, month, day))
}

/// Howard Hinnant's civil-to-days algorithm.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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

    #[test]
    fn dates_and_months_read_back_in_beijing_time() {
        let start = day_start("2026-03-01").expect("date");
        assert_eq!(beijing_minute(start), "2026-03-01 00:00");
        assert_eq!(day_start("2026-02-30"), None, "no such day");
        assert_eq!(day_start("2026-2-3"), None);
        let (from, to) = month_bounds("2026-12").expect("month");
        assert_eq!(beijing_day(from), "2026-12-01");
        assert_eq!(beijing_day(to), "2027-01-01");
        assert_eq!(beijing_month(to - 1), "2026-12");
        assert_eq!(month_of_day_number(beijing_day_number(to)), "2027-01");
    }

    #[test]
    fn months_are_added_on_the_calendar() {
        let start = day_start("2026-08-31").expect("date") + 3600;
        assert_eq!(beijing_minute(add_months(start, 3)), "2026-11-30 01:00");
        assert_eq!(beijing_day(add_months(start, 6)), "2027-02-28");
        assert_eq!(beijing_day(add_months(start, 12)), "2027-08-31");
    }
}
