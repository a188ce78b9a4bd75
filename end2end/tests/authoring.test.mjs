// Writing a lesson in the browser on a phone, on the demo county: an admin grants demo-trainer1
// the course; the trainer writes a new lesson with a quiz (toolbar and live preview), adds a
// picture, saves and previews the draft, publishes it; a learner joins the trainer's class by
// its code, reads the new lesson with its picture and answers its quiz. Afterwards the course is
// rolled back to the version from content/, so the later tests see the course they expect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';

const PASSWORD = process.env.E2E_PASSWORD;
const COURSE = 'nongcun-dianshang';
const FILE = '01-shouji-jichu/07-e2e-xinke.md';
const LESSON = '/lessons/e2e-xinke';
const TITLE = '网上卖山货的第一步';
// 1×1 PNG: the server checks its real type and turns it into a small JPEG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let browser;
before(async () => { browser = await launch(); });
after(async () => {
  try {
    const page = await signedIn('demo-trainer1');
    await page.goto(`${BASE}/author/${COURSE}`);
    const back = page.locator('tr', { hasText: 'files' }).getByRole('button', { name: '退回到这个版本' });
    if (await back.count() > 0) {
      await back.click();
      await page.locator('tr', { hasText: 'rollback' }).first().waitFor();
    }
  } finally {
    await browser?.close();
  }
});

async function signedIn(login, options = {}) {
  const page = await phonePage(browser, options);
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
  return page;
}

function lessonText(today) {
  const question = (n) => `? 第${n}题：开网店先做什么？\n- [x] 先想清楚卖什么\n- [ ] 先买很多货\n- [ ] 先借钱\n= 先想清楚卖什么，再动手。\n`;
  return `---\nid: e2e-xinke\ntitle: ${TITLE}\ntitle_en: First steps selling online\n` +
    `summary: 想清楚卖什么，再开网店。\nsummary_en: Decide what to sell before opening a store.\n` +
    `order: 7\nlevel: beginner\nminutes: 5\nchecked: ${today}\n---\n\n` +
    `家里的山货想在网上卖，第一步是**想清楚卖什么**。\n\n## 做一做\n\n1. 写下家里能卖的三样东西。\n\n` +
    '```quiz\n' + [1, 2, 3].map(question).join('\n') + '```\n';
}

async function adminGrantsTheCourse() {
  const page = await signedIn(process.env.E2E_ADMIN_LOGIN);
  await page.goto(`${BASE}/author/${COURSE}`);
  await page.getByPlaceholder('填培训老师的登录名').fill('demo-trainer1');
  await page.getByRole('button', { name: '授权编辑' }).click();
  await page.locator('li', { hasText: 'demo-trainer1' }).waitFor();
}

async function trainerWritesAndPublishes() {
  const page = await signedIn('demo-trainer1');
  await page.goto(`${BASE}/staff`);
  await page.getByRole('link', { name: '编写课程' }).click();
  await page.locator('ul.links a').first().click();
  await page.getByPlaceholder(/单元文件夹和文件名/).fill(FILE);
  await page.getByRole('button', { name: '编辑' }).click();
  await page.waitForURL(/\/edit\?path=/);
  const source = page.getByLabel('内容（Markdown）');
  assert.match(await source.inputValue(), /```quiz/, 'a new lesson starts from a template');
  await page.getByRole('button', { name: '测验题' }).click();
  assert.match(await source.inputValue(), /对的答案[\s\S]*对的答案[\s\S]*对的答案[\s\S]*对的答案/, 'the toolbar inserts a question');
  const today = new Date().toISOString().slice(0, 10);
  await source.fill(lessonText(today).replace('- [x] ', '- [ ] '));
  await page.locator('#problems-box li', { hasText: '标了 0 个对的答案' }).waitFor();
  await source.fill(lessonText(today));
  await page.locator('#preview strong', { hasText: '想清楚卖什么' }).waitFor();
  await page.getByRole('button', { name: '存草稿 / 预览' }).click();
  await page.waitForURL(/#preview$/);
  await page.getByLabel('图片上是什么（必填）').fill('村里的快递点');
  await page.getByLabel('照片').setInputFiles({ name: 'kuaidi.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '加一张图片' }).click();
  await page.locator('#preview img[alt="村里的快递点"]').waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `no sideways scroll at 360 px (editor is ${wide} px wide)`);
  await page.goto(`${BASE}/author/${COURSE}`);
  await page.getByText('检查通过，可以发布').waitFor();
  await page.getByLabel('这次改了什么（可不写）').fill('新课：卖什么');
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await page.locator('tr', { hasText: '新课：卖什么' }).waitFor();
  assert.deepEqual(page.errors, [], 'no browser errors');
}

async function learnerJoinsAndLearns() {
  const page = await phonePage(browser);
  const phone = `1366${String(Date.now()).slice(-7)}`;
  await page.goto(`${BASE}/register?code=DEMO0`);
  await page.getByLabel('姓名').fill('新课学员');
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('新密码（至少8位）').fill('learner-pass-1');
  await page.getByRole('button', { name: '注册' }).click();
  await page.locator('.who', { hasText: '新课学员' }).waitFor();
  await page.goto(`${BASE}${LESSON}`);
  await page.getByRole('heading', { name: TITLE }).waitFor();
  const picture = page.locator('.prose img[alt="村里的快递点"]');
  assert.match(await picture.getAttribute('src'), /^\/media\/h\/[0-9a-f]{64}\.jpg$/);
  assert.equal(await picture.evaluate((img) => img.complete && img.naturalWidth > 0), true, 'the picture loads');
  for (const q of ['q0', 'q1', 'q2']) await page.locator(`.quiz input[name=${q}]`).first().check();
  await page.getByRole('button', { name: '看答案' }).click();
  assert.match(await page.locator('.score').textContent(), /答对 3 \/ 3/);
}

test('a trainer writes a lesson with a quiz and a picture, publishes it, and a new learner takes it', async () => {
  assert.ok(PASSWORD, 'E2E_PASSWORD is set by server/scripts/e2e.sh');
  await adminGrantsTheCourse();
  await trainerWritesAndPublishes();
  await learnerJoinsAndLearns();
});

test('with JavaScript off the editor saves a draft and shows its preview and problems', async () => {
  const page = await signedIn('demo-trainer1', { javaScriptEnabled: false });
  await page.goto(`${BASE}/author/${COURSE}/edit?path=01-shouji-jichu/01-anzhuang-app.md`);
  assert.equal(await page.locator('.toolbar').isVisible(), false, 'the toolbar needs JavaScript');
  const source = page.getByLabel('内容（Markdown）');
  const text = await source.inputValue();
  await source.fill(text.replace('- [x] ', '- [ ] ').replace('开网店', '不用脚本也能改：开网店'));
  await page.getByRole('button', { name: '存草稿 / 预览' }).click();
  await page.waitForURL(/#preview$/);
  await page.locator('#preview', { hasText: '不用脚本也能改' }).waitFor();
  await page.locator('#problems-box li pre.excerpt').first().waitFor();
  await page.locator('#problems-box li', { hasText: '标了 0 个对的答案' }).waitFor();
  await page.goto(`${BASE}/author/${COURSE}`);
  await page.getByRole('button', { name: '放弃草稿' }).click();
  await page.locator('#draft').waitFor({ state: 'detached' });
});
