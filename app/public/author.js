// The course editor's extras, loaded by the editor page only (never part of the learners' wasm):
// a toolbar that inserts the few Markdown forms trainers need, and a live preview and check that
// asks the server (the same pipeline and sanitizer learners get) after typing pauses. Without
// this file the page still works: "Save draft / Preview" posts the form.
(function () {
  'use strict';
  var form = document.querySelector('form.editor');
  if (!form) return;
  var area = form.querySelector('textarea[name=source]');
  var path = form.querySelector('input[name=path]').value;
  var course = form.getAttribute('data-course');
  var preview = document.getElementById('preview');
  var problemsBox = document.getElementById('problems-box');
  var zh = (document.documentElement.lang || 'zh').indexOf('zh') === 0;

  var snippets = {
    heading: zh ? '\n## 小标题\n' : '\n## Heading\n',
    list: zh ? '\n1. 第一步\n2. 第二步\n' : '\n1. First step\n2. Second step\n',
    bold: zh ? '**要点**' : '**key point**',
    picture: zh ? '![图片上画的是什么](img/tupian.svg)' : '![what the picture shows](img/picture.svg)',
    link: zh ? '[上一课](lesson:课的编号)' : '[previous lesson](lesson:lesson-id)',
    quiz: zh
      ? '\n```quiz\n? 问题写在这里？\n- [x] 对的答案\n- [ ] 错的答案\n- [ ] 错的答案\n= 为什么这样答\n```\n'
      : '\n```quiz\n? The question?\n- [x] Right answer\n- [ ] Wrong answer\n- [ ] Wrong answer\n= Why\n```\n'
  };

  function insert(text) {
    var start = area.selectionStart, end = area.selectionEnd;
    var selected = area.value.slice(start, end);
    if (selected && text.indexOf('**') === 0) text = '**' + selected + '**';
    area.value = area.value.slice(0, start) + text + area.value.slice(end);
    area.focus();
    area.selectionStart = area.selectionEnd = start + text.length;
    schedule();
  }

  var toolbar = form.querySelector('.toolbar');
  toolbar.hidden = false;
  toolbar.addEventListener('click', function (event) {
    var tool = event.target.getAttribute('data-tool');
    if (tool && snippets[tool]) insert(snippets[tool]);
  });

  // Problems name lines: a click selects that line in the text.
  problemsBox.addEventListener('click', function (event) {
    var item = event.target.closest('[data-line]');
    if (!item) return;
    var line = Number(item.getAttribute('data-line'));
    var lines = area.value.split('\n');
    var start = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] || '').length);
  });

  function showProblems(problems) {
    var list = document.createElement('ol');
    list.className = 'problems';
    problems.forEach(function (p) {
      var item = document.createElement('li');
      item.setAttribute('data-line', String(p.line));
      var where = document.createElement('code');
      where.textContent = p.path + ':' + p.line;
      item.appendChild(where);
      if (p.excerpt) {
        var line = document.createElement('pre');
        line.className = 'excerpt';
        line.textContent = p.excerpt;
        item.appendChild(line);
      }
      item.appendChild(document.createTextNode(' ' + p.message));
      list.appendChild(item);
    });
    problemsBox.replaceChildren(list);
  }

  var timer = null, sent = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  }
  function refresh() {
    var mine = ++sent;
    var body = new URLSearchParams({ course_id: course, path: path, source: area.value });
    fetch('/api/author-editor', { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (editor) {
        if (!editor || mine !== sent) return;
        // The server renders and sanitizes this HTML, as for a learner's lesson.
        preview.innerHTML = editor.preview_html;
        showProblems(editor.problems);
      })
      .catch(function () { /* offline: the Save / Preview button still works */ });
  }
  area.addEventListener('input', schedule);
})();
