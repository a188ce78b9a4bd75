// What a learner who studied the lessons knows: the right answer of every quiz question of the
// course, read from the Markdown in content/ (`? prompt` and `- [x] right choice`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/// prompt → right choice, over the whole course.
export function answerKey(contentDir = new URL('../../content', import.meta.url).pathname) {
  const key = new Map();
  for (const file of markdownFiles(contentDir)) {
    let prompt = null;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.startsWith('? ')) prompt = line.slice(2).trim();
      else if (line.startsWith('- [x] ') && prompt) key.set(prompt, line.slice(6).trim());
    }
  }
  return key;
}
