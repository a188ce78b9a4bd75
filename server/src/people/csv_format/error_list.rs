//! The problems of one file, bounded: every problem is counted, but only the first
//! [`ERRORS_KEPT`] by line are kept, so a 30 MB file of broken rows costs kilobytes, not
//! gigabytes, while the page still lists the first bad rows in file order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::RowError;

/// Problems kept for the import page; the rest are only counted.
pub const ERRORS_KEPT: usize = 500;

/// A bounded list of a file's problems, ordered by line.
#[derive(Debug)]
pub struct ErrorList {
    /// The kept problems; the heap's top is the latest one (by line, then arrival).
    kept: BinaryHeap<Ranked>,
    count: usize,
    limit: usize,
}

impl Default for ErrorList {
    fn default() -> Self {
        ErrorList::with_limit(ERRORS_KEPT)
    }
}

impl ErrorList {
    pub fn with_limit(limit: usize) -> ErrorList {
        ErrorList {
            kept: BinaryHeap::new(),
            count: 0,
            limit,
        }
    }

    /// Goes on from a list already cut to `kept`, which stood for `count` problems.
    pub fn resume(kept: Vec<RowError>, count: usize) -> ErrorList {
        let mut list = ErrorList::default();
        let dropped = count.saturating_sub(kept.len());
        list.extend(kept);
        list.count += dropped;
        list
    }

    /// Counts a problem and keeps it if it is among the first `limit` by line. Problems of one
    /// line keep their arrival order (cells in column order).
    pub fn push(&mut self, error: RowError) {
        let ranked = Ranked {
            order: self.count,
            error,
        };
        self.count += 1;
        if self.kept.len() < self.limit {
            self.kept.push(ranked);
        } else if self.kept.peek().is_some_and(|latest| ranked < *latest) {
            self.kept.pop();
            self.kept.push(ranked);
        }
    }

    /// Every problem pushed, kept or not.
    pub fn count(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The kept problems in file order.
    pub fn into_sorted(self) -> Vec<RowError> {
        self.kept
            .into_sorted_vec()
            .into_iter()
            .map(|ranked| ranked.error)
            .collect()
    }
}

impl Extend<RowError> for ErrorList {
    fn extend<I: IntoIterator<Item = RowError>>(&mut self, errors: I) {
        for error in errors {
            self.push(error);
        }
    }
}

#[derive(Debug)]
struct Ranked {
    order: usize,
    error: RowError,
}

impl Ranked {
    fn key(&self) -> (usize, usize) {
        (self.error.line, self.order)
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::csv_format::RowProblem;

    fn error(line: usize) -> RowError {
        RowError::new(line, RowProblem::PhoneFormat)
    }

    #[test]
    fn keeps_the_first_lines_whatever_order_they_arrive_in_and_counts_all() {
        let mut list = ErrorList::with_limit(3);
        for line in [9, 4, 7, 2, 8, 5, 3] {
            list.push(error(line));
        }
        assert_eq!(list.count(), 7);
        let lines: Vec<usize> = list.into_sorted().iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }

    #[test]
    fn problems_of_one_line_keep_their_order() {
        let mut list = ErrorList::default();
        list.push(RowError::new(5, RowProblem::PhoneFormat));
        list.push(RowError::new(2, RowProblem::VillageBlank));
        list.push(RowError::new(5, RowProblem::IdRegistered));
        let problems: Vec<RowProblem> = list.into_sorted().into_iter().map(|e| e.problem).collect();
        let expected = [
            RowProblem::VillageBlank,
            RowProblem::PhoneFormat,
            RowProblem::IdRegistered,
        ];
        assert_eq!(problems, expected);
    }

    #[test]
    fn a_million_bad_rows_keep_only_the_limit() {
        let mut list = ErrorList::default();
        for line in (2..1_000_002).rev() {
            list.push(error(line));
        }
        assert_eq!(list.count(), 1_000_000);
        let kept = list.into_sorted();
        assert_eq!(kept.len(), ERRORS_KEPT);
        assert_eq!(kept.last().map(|e| e.line), Some(ERRORS_KEPT + 1));
    }
}
