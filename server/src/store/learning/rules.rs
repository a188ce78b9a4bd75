//! The completion rule of each live lesson, read from the database once and kept for a few
//! seconds: every "lesson done" click needs it, and it changes only when content is imported.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use super::CourseRule;

/// How long a rule is believed. A server that imports content forgets its rules at once; other
/// servers of a cluster see the import after this long.
const KEEP_FOR: Duration = Duration::from_secs(10);

/// Only lessons found in the database are kept, so the map is as large as the course, whatever
/// ids clients send.
#[derive(Clone, Debug, Default)]
pub struct RuleCache {
    rules: Arc<RwLock<HashMap<String, (Instant, CourseRule)>>>,
    /// Counts this server's content changes (imports, publications): what depends on the
    /// content, such as cached pages, compares it to know it is stale.
    generation: Arc<AtomicU64>,
}

impl RuleCache {
    /// The rule of `lesson_id` if it was read less than [`KEEP_FOR`] ago.
    pub fn get(&self, lesson_id: &str) -> Option<CourseRule> {
        let rules = self.rules.read().ok()?;
        let (read_at, rule) = rules.get(lesson_id)?;
        (read_at.elapsed() < KEEP_FOR).then(|| rule.clone())
    }

    pub fn keep(&self, lesson_id: &str, rule: &CourseRule) {
        if let Ok(mut rules) = self.rules.write() {
            rules.insert(lesson_id.to_string(), (Instant::now(), rule.clone()));
        }
    }

    pub fn forget_all(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut rules) = self.rules.write() {
            rules.clear();
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Completion as CompletionRule;

    #[test]
    fn a_rule_is_kept_until_forgotten() {
        let cache = RuleCache::default();
        let rule = CourseRule {
            id: "c".into(),
            rule: CompletionRule::All,
            lessons_total: 3,
        };
        assert_eq!(cache.get("l1"), None);
        cache.keep("l1", &rule);
        assert_eq!(cache.get("l1"), Some(rule));
        assert_eq!(cache.get("l2"), None);
        let before = cache.generation();
        cache.forget_all();
        assert_eq!(cache.get("l1"), None);
        assert_eq!(cache.generation(), before + 1);
    }
}
