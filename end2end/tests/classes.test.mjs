// A trainer's class on a phone, with JavaScript off and on, on the demo county: a learner joins
// with the class code, the trainer finds them in the progress table, records an in-person
// session with them ticked, sorts the table by lessons done and downloads it as CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';

const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function learnerJoins(page, phone, name) {
  await page.goto(`${BASE}/register?code=DEMO1`);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('新密码（至少8位）').fill('learner-pass-1');
  await page.getByRole('button', { name: '注册' }).click();
  await page.locator('.who', { hasText: name }).waitFor();
}

async function trainerOpensTheClass(page) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill('demo-trainer2');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
  await page.goto(`${BASE}/classes`);
  await page.locator('ul.links a').first().click();
  await page.getByRole('heading', { name: '学习进度' }).waitFor();
}

async function recordsAndDownloads(page, name) {
  const row = page.locator('table.data tr', { hasText: name });
  await row.waitFor();
  await page.getByLabel(name, { exact: true }).check();
  await page.getByRole('button', { name: '保存签到' }).click();
  await page.waitForURL(/#sessions$/);
  await page.getByText(/1 到课/).first().waitFor();
  assert.equal(await row.locator('td').nth(5).innerText(), '1', 'one session attended');
  await page.getByRole('link', { name: '学完课数' }).click();
  await page.waitForURL(/sort=done/);
  await page.locator('th[aria-sort="ascending"]', { hasText: '学完课数' }).waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 360, `no sideways scroll at 360 px (page is ${wide} px wide)`);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 CSV/ }).click()]);
  const chunks = [];
  for await (const chunk of await csv.createReadStream()) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  assert.ok(text.startsWith('\uFEFF') && text.includes('学完课数'), 'a CSV Excel opens');
  assert.ok(text.includes(name), 'with the learner who joined');
}

async function run(javaScriptEnabled, tag) {
  assert.ok(PASSWORD, 'E2E_PASSWORD is set by server/scripts/e2e.sh');
  const phone = `1377${String(Date.now()).slice(-7)}`;
  const name = `签到学员${tag}`;
  await learnerJoins(await phonePage(browser, { javaScriptEnabled }), phone, name);
  const page = await phonePage(browser, { javaScriptEnabled, acceptDownloads: true });
  await trainerOpensTheClass(page);
  await recordsAndDownloads(page, name);
  return page;
}

test('a trainer records a session and downloads the class progress with JavaScript off', async () => {
  await run(false, 'nojs');
});

test('a trainer records a session and downloads the class progress with JavaScript on', async () => {
  const page = await run(true, 'js');
  assert.deepEqual(page.errors, [], 'no browser errors');
});
