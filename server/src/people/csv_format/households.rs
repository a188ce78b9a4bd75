//! Grouping member rows into households and the rules across rows: contiguous household
//! numbers, one head each, the same village and poverty status on every row, and identity
//! numbers unique in the file.

use std::collections::hash_map::{Entry, HashMap};

use super::fields::{Cell, Row};
use super::{ErrorList, RowError, RowProblem};
use crate::people::record::{HouseholdRecord, MemberRecord, PovertyCause, PovertyType, Relation};

/// Households as rows arrive, in file order.
#[derive(Default)]
pub(super) struct Households {
    done: Vec<HouseholdRecord>,
    current: Option<Household>,
    /// Household number → the line where it first appeared.
    first_lines: HashMap<String, usize>,
    /// Identity number → the line that has it.
    id_lines: HashMap<String, usize>,
}

impl Households {
    pub fn add(&mut self, mut row: Row, errors: &mut ErrorList) {
        self.check_id_unique(&mut row, errors);
        // A row whose household number is invalid belongs to no household (already reported).
        let Some(number) = row.number.take() else {
            return;
        };
        if self.current.as_ref().is_some_and(|h| h.number == number) {
            if let Some(household) = self.current.as_mut() {
                household.add(row, errors);
            }
            return;
        }
        self.finish_current(errors);
        if let Some(first) = self.first_lines.get(&number) {
            let first = *first;
            errors.push(RowError::new(
                row.line,
                RowProblem::NumberRepeated { number, first },
            ));
            return;
        }
        self.first_lines.insert(number.clone(), row.line);
        let mut household = Household::new(number, row.line);
        household.add(row, errors);
        self.current = Some(household);
    }

    /// A row that could not be read (wrong number of fields): the household it seems to belong
    /// to must not be imported without it.
    pub fn mark_broken(&mut self, number: &str) {
        if let Some(household) = self.current.as_mut().filter(|h| h.number == number) {
            household.clean = false;
        }
    }

    /// The households in which no problem was found.
    pub fn finish(mut self, errors: &mut ErrorList) -> Vec<HouseholdRecord> {
        self.finish_current(errors);
        self.done
    }

    fn finish_current(&mut self, errors: &mut ErrorList) {
        if let Some(record) = self.current.take().and_then(|h| h.finish(errors)) {
            self.done.push(record);
        }
    }

    fn check_id_unique(&mut self, row: &mut Row, errors: &mut ErrorList) {
        let Cell::Value(id) = &row.id_number else {
            return;
        };
        match self.id_lines.entry(id.expose().to_string()) {
            Entry::Vacant(entry) => {
                entry.insert(row.line);
            }
            Entry::Occupied(entry) => {
                let first = *entry.get();
                errors.push(RowError::new(row.line, RowProblem::IdRepeated { first }));
                row.clean = false;
            }
        }
    }
}

/// A household being read: the first known value of each household-wide cell, with its line.
struct Household {
    number: String,
    line: usize,
    village: Option<(String, usize)>,
    poverty_type: Option<(Cell<PovertyType>, usize)>,
    poverty_cause: Option<(Cell<PovertyCause>, usize)>,
    head_line: Option<usize>,
    /// Some member's relation could not be read, so a missing head is not reported again.
    relation_unknown: bool,
    members: Vec<MemberRecord>,
    clean: bool,
}

impl Household {
    fn new(number: String, line: usize) -> Household {
        Household {
            number,
            line,
            village: None,
            poverty_type: None,
            poverty_cause: None,
            head_line: None,
            relation_unknown: false,
            members: Vec::new(),
            clean: true,
        }
    }

    fn add(&mut self, row: Row, errors: &mut ErrorList) {
        let before = errors.count();
        let line = row.line;
        let village = row.village.clone();
        same(
            &mut self.village,
            village,
            line,
            "村",
            |v| Some(v.clone()),
            errors,
        );
        let poverty_type = row.poverty_type.known().map(Cell::from);
        let show = describe(PovertyType::label);
        same(
            &mut self.poverty_type,
            poverty_type,
            line,
            "贫困户类型",
            show,
            errors,
        );
        let cause = row.poverty_cause.known().map(Cell::from);
        let show = describe(PovertyCause::label);
        same(
            &mut self.poverty_cause,
            cause,
            line,
            "主要致贫原因",
            show,
            errors,
        );
        self.check_head(row.relation, line, errors);
        let clean = errors.count() == before;
        match row.into_member().filter(|_| clean) {
            Some(member) => self.members.push(member),
            None => self.clean = false,
        }
    }

    fn check_head(&mut self, relation: Option<Relation>, line: usize, errors: &mut ErrorList) {
        match (relation, self.head_line) {
            (None, _) => self.relation_unknown = true,
            (Some(Relation::Head), Some(head)) => errors.push(RowError::new(
                line,
                RowProblem::SecondHead {
                    number: self.number.clone(),
                    head,
                },
            )),
            (Some(Relation::Head), None) => self.head_line = Some(line),
            (Some(_), _) => {}
        }
    }

    fn finish(self, errors: &mut ErrorList) -> Option<HouseholdRecord> {
        if self.head_line.is_none() && !self.relation_unknown {
            let number = self.number.clone();
            errors.push(RowError::new(self.line, RowProblem::NoHead { number }));
            return None;
        }
        if !self.clean {
            return None;
        }
        let poverty = match (self.poverty_type, self.poverty_cause) {
            (Some((Cell::Value(kind), _)), Some((Cell::Value(cause), _))) => Some((kind, cause)),
            _ => None,
        };
        Some(HouseholdRecord {
            line: self.line,
            number: self.number,
            village: self.village?.0,
            poverty,
            members: self.members,
        })
    }
}

impl<T> From<Option<T>> for Cell<T> {
    fn from(value: Option<T>) -> Cell<T> {
        value.map_or(Cell::Blank, Cell::Value)
    }
}

/// Remembers the first known value of a household-wide cell and reports a row that differs
/// (`None` = the row's value was invalid, already reported).
fn same<T: PartialEq>(
    first: &mut Option<(T, usize)>,
    value: Option<T>,
    line: usize,
    header: &str,
    show: impl Fn(&T) -> Option<String>,
    errors: &mut ErrorList,
) {
    let Some(value) = value else {
        return;
    };
    match first {
        None => *first = Some((value, line)),
        Some((expected, first_line)) if *expected != value => errors.push(RowError::new(
            line,
            RowProblem::HouseholdDiffers {
                column: header.to_string(),
                first_line: *first_line,
                first: show(expected),
                this: show(&value),
            },
        )),
        Some(_) => {}
    }
}

/// Shows a poverty cell as in the file: its label, or `None` when it was left blank.
fn describe<T: Copy>(label: fn(T) -> &'static str) -> impl Fn(&Cell<T>) -> Option<String> {
    move |cell| match cell {
        Cell::Value(value) => Some(label(*value).to_string()),
        _ => None,
    }
}
