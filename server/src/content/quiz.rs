//! The quiz syntax inside a lesson's ```quiz block: `? question`, `- [ ]`/`- [x]` choices and an
//! `= explanation`, questions separated by blank lines.

use serde::{Deserialize, Serialize};

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
                problems.push(Problem::at(
                    line_no,
                    "a second `? ` line in one question; separate questions with a blank line",
                ));
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
            problems.push(Problem::at(line_no, format!(
                "`{line}` is not part of a question; start lines with `? `, `- [ ] `, `- [x] ` or `= `"
            )));
        }
    }
    finish(draft, &mut questions, problems);
    questions
}

fn finish(draft: Draft, questions: &mut Vec<Question>, problems: &mut Vec<Problem>) {
    if draft.line == 0 {
        return;
    }
    let line = draft.line;
    let Some(prompt) = draft.prompt.filter(|p| !p.is_empty()) else {
        problems.push(Problem::at(
            line,
            "this question has no `? ` line with the question text",
        ));
        return;
    };
    let right: Vec<usize> = draft
        .choices
        .iter()
        .enumerate()
        .filter(|(_, (_, ok))| *ok)
        .map(|(i, _)| i)
        .collect();
    let mut valid = true;
    if !(2..=6).contains(&draft.choices.len()) {
        problems.push(Problem::at(
            line,
            format!(
                "question “{prompt}” has {} choices; give 2 to 6 lines `- [ ] …`",
                draft.choices.len()
            ),
        ));
        valid = false;
    }
    if right.len() != 1 {
        problems.push(Problem::at(
            line,
            format!(
                "question “{prompt}” marks {} choices right; mark exactly one with `- [x]`",
                right.len()
            ),
        ));
        valid = false;
    }
    let explanation = draft.explanation.filter(|e| !e.is_empty());
    if explanation.is_none() {
        problems.push(Problem::at(line, format!(
            "question “{prompt}” has no explanation; add a line `= …` saying why the answer is right"
        )));
        valid = false;
    }
    if valid {
        questions.push(Question {
            prompt,
            choices: draft.choices.into_iter().map(|(text, _)| text).collect(),
            correct: right[0],
            explanation: explanation.unwrap_or_default(),
        });
    }
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
            .map(|p| format!("{}: {}", p.line, p.message))
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
