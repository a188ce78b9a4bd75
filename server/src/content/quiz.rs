//! The quiz syntax inside a lesson's ```quiz block: `? question`, `- [ ]`/`- [x]` choices and an
//! `= explanation`, questions separated by blank lines.

use serde::{Deserialize, Serialize};

use app::i18n::checker::Quiz;

use super::Problem;

/// One question with its answer; server-side only (the browser gets `app::model::QuizQuestion`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub prompt: String,
    pub choices: Vec<String>,
    pub correct: usize,
    pub explanation: String,
}

#[derive(Default)]
struct Draft {
    line: usize,
    prompt: Option<String>,
    choices: Vec<(String, bool)>,
    explanation: Option<String>,
}

/// Parses the text of a quiz block whose first line is `first_line` in the file.
pub fn parse(block: &str, first_line: usize, problems: &mut Vec<Problem>) -> Vec<Question> {
    let mut questions = Vec::new();
    let mut draft = Draft::default();
    for (index, raw) in block.lines().enumerate() {
        let line_no = first_line + index;
        let line = raw.trim();
        if line.is_empty() {
            finish(std::mem::take(&mut draft), &mut questions, problems);
            continue;
        }
        if draft.line == 0 {
            draft.line = line_no;
        }
        if let Some(prompt) = line.strip_prefix("? ") {
            if draft.prompt.is_some() {
                problems.push(Problem::at(line_no, Quiz::SecondPrompt));
            }
            draft.prompt = Some(prompt.trim().to_string());
        } else if let Some(choice) = line.strip_prefix("- [ ] ") {
            draft.choices.push((choice.trim().to_string(), false));
        } else if let Some(choice) = line
            .strip_prefix("- [x] ")
            .or_else(|| line.strip_prefix("- [X] "))
        {
            draft.choices.push((choice.trim().to_string(), true));
        } else if let Some(explanation) = line.strip_prefix("= ") {
            draft.explanation = Some(explanation.trim().to_string());
        } else {
            let line = line.to_string();
            problems.push(Problem::at(line_no, Quiz::StrayLine { line }));
        }
    }
    finish(draft, &mut questions, problems);
    questions
}

fn finish(draft: Draft, questions: &mut Vec<Question>, problems: &mut Vec<Problem>) {
    if draft.line == 0 {
        return;
    }
    let Some(prompt) = draft.prompt.clone().filter(|p| !p.is_empty()) else {
        problems.push(Problem::at(draft.line, Quiz::NoPrompt));
        return;
    };
    let mistakes = mistakes(&prompt, &draft);
    if !mistakes.is_empty() {
        problems.extend(mistakes.into_iter().map(|m| Problem::at(draft.line, m)));
        return;
    }
    let correct = draft
        .choices
        .iter()
        .position(|(_, right)| *right)
        .unwrap_or(0);
    questions.push(Question {
        prompt,
        choices: draft.choices.into_iter().map(|(text, _)| text).collect(),
        correct,
        explanation: draft.explanation.unwrap_or_default(),
    });
}

/// What is wrong with a question that has a prompt: choices, right answers, explanation.
fn mistakes(prompt: &str, draft: &Draft) -> Vec<Quiz> {
    let mut mistakes = Vec::new();
    let prompt = || prompt.to_string();
    let choices = draft.choices.len();
    if !(2..=6).contains(&choices) {
        let prompt = prompt();
        mistakes.push(Quiz::ChoiceCount { prompt, choices });
    }
    let right = draft.choices.iter().filter(|(_, right)| *right).count();
    if right != 1 {
        mistakes.push(Quiz::RightCount {
            prompt: prompt(),
            right,
        });
    }
    if draft.explanation.as_deref().is_none_or(str::is_empty) {
        mistakes.push(Quiz::NoExplanation { prompt: prompt() });
    }
    mistakes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_questions_separated_by_blank_lines() {
        let block =
            "? 一？\n- [ ] 甲\n- [x] 乙\n= 因为乙。\n\n? 二？\n- [X] 丙\n- [ ] 丁\n= 因为丙。\n";
        let mut problems = Vec::new();
        let questions = parse(block, 10, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(questions.len(), 2);
        assert_eq!(questions[0].correct, 1);
        assert_eq!(questions[1].choices, vec!["丙", "丁"]);
        assert_eq!(questions[1].explanation, "因为丙。");
    }

    #[test]
    fn reports_every_mistake_with_its_line() {
        let block = "? 没有对的？\n- [ ] 甲\n- [ ] 乙\n= 解释\n\n? 两个对的\n- [x] 甲\n- [x] 乙\n\n- [ ] 没有问题\n- [x] 乙\n= x\n\n? 只有一个选项\n- [x] 甲\n= x\n随便写";
        let mut problems = Vec::new();
        let questions = parse(block, 20, &mut problems);
        assert!(questions.is_empty());
        let got: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.line, p.message.text(app::i18n::Locale::En)))
            .collect();
        assert_eq!(got, vec![
            "20: question “没有对的？” marks 0 choices right; mark exactly one with `- [x]`",
            "25: question “两个对的” marks 2 choices right; mark exactly one with `- [x]`",
            "25: question “两个对的” has no explanation; add a line `= …` saying why the answer is right",
            "29: this question has no `? ` line with the question text",
            "36: `随便写` is not part of a question; start lines with `? `, `- [ ] `, `- [x] ` or `= `",
            "33: question “只有一个选项” has 1 choices; give 2 to 6 lines `- [ ] …`",
        ]);
    }
}
