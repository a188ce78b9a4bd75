//! How guessable the quizzes are, over a whole content tree: where the right answer stands, and
//! how often it is the one choice longer (or shorter) than all the others. `check-content` prints
//! these so authors keep them balanced; the curriculum test holds the shipped course to bounds.

use std::fmt;

use super::{ContentTree, Question};

/// Answer positions counted: A to F (a question has at most six choices).
pub const POSITIONS: usize = 6;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuizStats {
    pub questions: usize,
    /// How many right answers stand at A, B, C, …
    pub at_position: [usize; POSITIONS],
    /// Right answers longer than every other choice of their question.
    pub uniquely_longest: usize,
    /// Right answers shorter than every other choice of their question.
    pub uniquely_shortest: usize,
}

impl QuizStats {
    pub fn of(tree: &ContentTree) -> QuizStats {
        let mut stats = QuizStats::default();
        for question in tree.lessons().flat_map(|l| &l.quiz) {
            stats.add(question);
        }
        stats
    }

    fn add(&mut self, question: &Question) {
        self.questions += 1;
        if let Some(slot) = self.at_position.get_mut(question.correct) {
            *slot += 1;
        }
        let length = |text: &String| text.chars().count();
        let Some(right) = question.choices.get(question.correct).map(length) else {
            return;
        };
        let others = question
            .choices
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != question.correct)
            .map(|(_, c)| length(c));
        let (mut longer_than_all, mut shorter_than_all) = (true, true);
        for other in others {
            longer_than_all &= right > other;
            shorter_than_all &= right < other;
        }
        self.uniquely_longest += usize::from(longer_than_all);
        self.uniquely_shortest += usize::from(shorter_than_all);
    }

    /// A share of the questions, in percent.
    pub fn percent(&self, count: usize) -> f64 {
        if self.questions == 0 {
            0.0
        } else {
            count as f64 * 100.0 / self.questions as f64
        }
    }
}

impl fmt::Display for QuizStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} quiz question(s); right answer at", self.questions)?;
        let used = self.at_position.iter().rposition(|n| *n > 0).unwrap_or(0);
        for (i, count) in self.at_position.iter().enumerate().take(used + 1) {
            let letter = char::from(b'A' + i as u8);
            write!(f, " {letter} {:.1}%", self.percent(*count))?;
        }
        write!(
            f,
            "; uniquely longest {:.1}%, uniquely shortest {:.1}%",
            self.percent(self.uniquely_longest),
            self.percent(self.uniquely_shortest)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(choices: &[&str], correct: usize) -> Question {
        Question {
            prompt: "?".into(),
            choices: choices.iter().map(|c| c.to_string()).collect(),
            correct,
            explanation: String::new(),
        }
    }

    #[test]
    fn counts_positions_and_giveaway_lengths() {
        let mut stats = QuizStats::default();
        stats.add(&question(&["短", "这是最长的那一个答案", "中等长度"], 1));
        stats.add(&question(&["一样长", "一样长", "一样长"], 0));
        stats.add(&question(&["甲", "乙乙", "丙丙"], 0));
        assert_eq!(stats.at_position[..3], [2, 1, 0]);
        assert_eq!((stats.uniquely_longest, stats.uniquely_shortest), (1, 1));
        assert_eq!(
            stats.to_string(),
            "3 quiz question(s); right answer at A 66.7% B 33.3%; uniquely longest 33.3%, uniquely shortest 33.3%"
        );
    }
}
