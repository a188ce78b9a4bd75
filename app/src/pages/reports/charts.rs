//! Charts drawn on the server as SVG: the funnel, the monthly trend and the child-region
//! comparison. Each has a title and a text description for screen readers, scales to a 360 px
//! phone, prints, and needs no JavaScript; the table beside it holds the same numbers.

use crate::i18n::reports::{stage_label, tr, R};
use crate::i18n::Locale;
use crate::model::{Figures, MonthRow, ReportRow};

const WIDTH: i64 = 340;
const BAR: i64 = 28;
const GAP: i64 = 10;
/// Text at least body size when the chart fills a 360 px screen.
const FONT: i64 = 18;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG element around a chart's shapes, with its title and description.
fn frame(id: &str, height: i64, title: &str, description: &str, body: String) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\" font-size=\"{FONT}\" font-family=\"sans-serif\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{body}</svg>",
        escape(title),
        escape(description)
    )
}

/// Horizontal bars, one per (label, value), scaled to the largest.
fn bars(rows: &[(String, i64)], color: &str) -> (i64, String) {
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let mut body = String::new();
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = i as i64 * (BAR + GAP + FONT + 4);
        let width = (value * (WIDTH - 60)) / max;
        body.push_str(&format!(
            "<text x=\"0\" y=\"{}\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"0\" y=\"{}\" width=\"{width}\" height=\"{BAR}\" rx=\"4\" fill=\"{color}\"/>\
             <text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{value}</text>",
            y + FONT,
            escape(label),
            y + FONT + 4,
            width + 6,
            y + FONT + 4 + BAR - 8,
        ));
    }
    (rows.len() as i64 * (BAR + GAP + FONT + 4), body)
}

pub fn funnel(figures: &Figures, locale: Locale) -> String {
    let steps = figures.funnel();
    let rows: Vec<(String, i64)> = steps
        .iter()
        .map(|s| (stage_label(locale, s.stage).to_string(), s.count))
        .collect();
    let (height, body) = bars(&rows, "#1b5e20");
    let description = describe(&rows, locale);
    frame(
        "funnel",
        height,
        tr(locale, R::ChartFunnel),
        &description,
        body,
    )
}

/// The certified learners of each child region (the twelve largest).
pub fn regions(rows: &[ReportRow], locale: Locale) -> String {
    let mut data: Vec<(String, i64)> = rows
        .iter()
        .map(|r| {
            let name = if r.key.is_empty() {
                tr(locale, R::NoRegion).to_string()
            } else {
                r.key.clone()
            };
            (name, r.figures.certified)
        })
        .collect();
    data.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    data.truncate(12);
    let (height, body) = bars(&data, "#2e7d32");
    let description = describe(&data, locale);
    frame(
        "regions",
        height,
        tr(locale, R::ChartRegions),
        &description,
        body,
    )
}

/// Enrolled and certified per month, as pairs of columns.
pub fn months(rows: &[MonthRow], locale: Locale) -> String {
    let height = 200;
    let base = height - 40;
    let max = rows
        .iter()
        .flat_map(|m| [m.enrolled, m.certified])
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = WIDTH / (rows.len() as i64).max(1);
    let column = (slot / 2 - 1).max(2);
    let mut body = String::new();
    for (i, m) in rows.iter().enumerate() {
        let x = i as i64 * slot;
        for (offset, value, color) in [(0, m.enrolled, "#9ccc65"), (column, m.certified, "#1b5e20")]
        {
            let h = value * (base - 20) / max;
            body.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{column}\" height=\"{h}\" fill=\"{color}\"/>",
                x + offset,
                base - h
            ));
        }
        let label = m.month.get(5..).unwrap_or(&m.month);
        body.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">{}</text>",
            x + slot / 2,
            base + 16,
            escape(label)
        ));
    }
    body.push_str(&format!(
        "<rect x=\"0\" y=\"{}\" width=\"14\" height=\"14\" fill=\"#9ccc65\"/>\
         <text x=\"18\" y=\"{}\">{}</text>\
         <rect x=\"150\" y=\"{}\" width=\"14\" height=\"14\" fill=\"#1b5e20\"/>\
         <text x=\"168\" y=\"{}\">{}</text>",
        height - 18,
        height - 5,
        escape(tr(locale, R::Enrolled)),
        height - 18,
        height - 5,
        escape(tr(locale, R::Certified))
    ));
    let data: Vec<(String, i64)> = rows
        .iter()
        .map(|m| (m.month.clone(), m.certified))
        .collect();
    let description = format!("{} {}", tr(locale, R::Certified), describe(&data, locale));
    frame(
        "months",
        height,
        tr(locale, R::ChartMonths),
        &description,
        body,
    )
}

/// "A: 3, B: 5. The table below lists the same numbers."
fn describe(rows: &[(String, i64)], locale: Locale) -> String {
    let list: Vec<String> = rows.iter().map(|(l, v)| format!("{l}: {v}")).collect();
    let separator = if locale == Locale::ZhCn { "，" } else { ", " };
    format!(
        "{}。{}",
        list.join(separator),
        tr(locale, R::ChartDescription)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_carry_a_title_a_description_and_escaped_names() {
        let figures = Figures {
            enrolled: 10,
            certified: 4,
            ..Figures::default()
        };
        let svg = funnel(&figures, Locale::ZhCn);
        assert!(svg.contains("<title id=\"funnel-t\">报名到第一单的人数</title>"));
        assert!(svg.contains("报名学员: 10"));
        let rows = vec![ReportRow {
            key: "<b>镇".into(),
            region_id: Some(1),
            figures,
        }];
        let svg = regions(&rows, Locale::En);
        assert!(svg.contains("&lt;b&gt;镇") && !svg.contains("<b>"));
    }
}
