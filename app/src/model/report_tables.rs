//! A report as titled tables: what the printable page shows and what the CSV and XLSX exports
//! write, built once from the same `Report`, so every copy carries the same numbers.

use serde::{Deserialize, Serialize};

use super::{Figures, MonthRow, Report, ReportRow};
use crate::codes::TargetGroup;
use crate::i18n::reports::{group_label, percent, stage_label, tr, yuan, R};
use crate::i18n::Locale;

/// One cell: text, a count, money (fen, written as yuan) or a rate (tenths of a percent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Count(i64),
    Fen(i64),
    Rate(Option<i64>),
}

impl Cell {
    /// As text, the way the page and the CSV write it.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Fen(fen) => yuan(*fen),
            Cell::Rate(tenths) => percent(*tenths),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

const FIGURE_LABELS: [R; 11] = [
    R::Villages,
    R::Households,
    R::PoorHouseholds,
    R::Enrolled,
    R::Active,
    R::Completed,
    R::Certified,
    R::StoreOpened,
    R::FirstSale,
    R::Employed,
    R::SalesYuan,
];

fn figure_cells(f: &Figures) -> Vec<Cell> {
    let counts = [
        f.villages,
        f.households,
        f.poor_households,
        f.enrolled,
        f.active,
        f.completed,
        f.certified,
        f.store_opened,
        f.first_sale,
        f.employed,
    ];
    let mut cells: Vec<Cell> = counts.into_iter().map(Cell::Count).collect();
    cells.push(Cell::Fen(f.sales_fen));
    cells
}

/// The report's tables in order: totals, funnel, by region, class, target group and month.
pub fn report_tables(report: &Report, locale: Locale) -> Vec<Table> {
    let t = |key| tr(locale, key).to_string();
    let totals = Table {
        title: t(R::Report),
        header: vec![t(R::Figure), t(R::Value)],
        rows: FIGURE_LABELS
            .iter()
            .zip(figure_cells(&report.totals))
            .map(|(label, cell)| vec![Cell::Text(t(*label)), cell])
            .collect(),
    };
    let funnel = Table {
        title: t(R::Funnel),
        header: vec![t(R::Name), t(R::Value), t(R::OfPrevious), t(R::OfEnrolled)],
        rows: report
            .totals
            .funnel()
            .iter()
            .map(|step| {
                vec![
                    Cell::Text(stage_label(locale, step.stage).to_string()),
                    Cell::Count(step.count),
                    Cell::Rate(step.of_previous_tenths),
                    Cell::Rate(step.of_first_tenths),
                ]
            })
            .collect(),
    };
    let region_names = |row: &ReportRow| non_empty(&row.key, || t(R::NoRegion));
    let class_names = |row: &ReportRow| non_empty(&row.key, || t(R::NoClass));
    let group_names = |row: &ReportRow| match TargetGroup::from_code(&row.key) {
        Some(group) => group_label(locale, group).to_string(),
        None => row.key.clone(),
    };
    let mut tables = vec![totals, funnel];
    if !report.by_region.is_empty() {
        tables.push(breakdown(
            t(R::ByRegion),
            &report.by_region,
            region_names,
            locale,
        ));
    }
    // A report over more classes than fit a table leaves them to its regions' reports.
    if !report.by_class.is_empty() {
        tables.push(breakdown(
            t(R::ByClass),
            &report.by_class,
            class_names,
            locale,
        ));
    }
    tables.push(breakdown(
        t(R::ByGroup),
        &report.by_group,
        group_names,
        locale,
    ));
    tables.push(months(&report.by_month, locale));
    tables
}

fn non_empty(text: &str, otherwise: impl Fn() -> String) -> String {
    if text.is_empty() {
        otherwise()
    } else {
        text.to_string()
    }
}

fn breakdown(
    title: String,
    rows: &[ReportRow],
    name: impl Fn(&ReportRow) -> String,
    locale: Locale,
) -> Table {
    let mut header = vec![tr(locale, R::Name).to_string()];
    header.extend(FIGURE_LABELS.iter().map(|l| tr(locale, *l).to_string()));
    Table {
        title,
        header,
        rows: rows
            .iter()
            .map(|row| {
                let mut cells = vec![Cell::Text(name(row))];
                cells.extend(figure_cells(&row.figures));
                cells
            })
            .collect(),
    }
}

fn months(rows: &[MonthRow], locale: Locale) -> Table {
    let header = [
        R::Month,
        R::Enrolled,
        R::Completed,
        R::Certified,
        R::StoreOpened,
        R::FirstSale,
        R::Employed,
        R::SalesYuan,
    ];
    Table {
        title: tr(locale, R::ByMonth).to_string(),
        header: header.iter().map(|k| tr(locale, *k).to_string()).collect(),
        rows: rows
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.month.clone()),
                    Cell::Count(m.enrolled),
                    Cell::Count(m.completed),
                    Cell::Count(m.certified),
                    Cell::Count(m.store_opened),
                    Cell::Count(m.first_sale),
                    Cell::Count(m.employed),
                    Cell::Fen(m.sales_fen),
                ]
            })
            .collect(),
    }
}
