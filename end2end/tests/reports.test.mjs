// Reports on a phone, with JavaScript off and on, on the demo county (server generate-demo): a
// learner reports a first sale, which counts only once the trainer confirms it; the office
// drills down from the county to a village, filters by target group and downloads CSV and XLSX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';

const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, login, password = PASSWORD) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
}

/// The value of a figure in the report's totals table.
async function figure(page, label) {
  const row = page.locator('table.data').first().locator('tr', { has: page.getByRole('rowheader', { name: label, exact: true }) });
  return Number(await row.locator('td').first().innerText());
}

async function learnerReportsFirstSale(browserPage, phone, name) {
  const page = browserPage;
  await page.goto(`${BASE}/register?code=DEMO0`);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('新密码（至少8位）').fill('learner-pass-1');
  await page.getByRole('button', { name: '注册' }).click();
  await page.locator('.who', { hasText: name }).waitFor();
  await page.goto(`${BASE}/me`);
  await page.getByText('我卖出了第一单').click();
  const form = page.locator('details[open] form');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByText('谢谢！已经收到').waitFor();
  await page.getByText('待确认').first().waitFor();
}

async function trainerConfirms(page, name) {
  await signIn(page, 'demo-trainer1');
  await page.goto(`${BASE}/staff/learners?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name }).click();
  await page.getByRole('button', { name: '确认' }).click();
  await page.getByText('已确认').first().waitFor();
}

async function officeDrillsDownAndDownloads(page) {
  await page.getByRole('link', { name: '东岭镇' }).click();
  await page.waitForURL(/region=\d+/);
  await page.getByRole('heading', { name: /东岭镇/ }).waitFor();
  await page.getByRole('link', { name: '上坪村' }).click();
  await page.getByRole('heading', { name: /上坪村/ }).waitFor();
  await page.getByLabel('人员类别').selectOption({ label: '建档立卡户' });
  await page.getByRole('button', { name: '查看' }).click();
  await page.waitForURL(/group=poor_household/);
  assert.match(page.url(), /region=\d+/, 'the drill-down stays in the URL with the filter');
  const enrolled = await figure(page, '报名学员');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 CSV/ }).click()]);
  const csvText = (await streamBytes(await csv.createReadStream())).toString('utf8');
  assert.ok(csvText.startsWith('\uFEFF'), 'the CSV opens in Excel (byte order mark)');
  assert.ok(csvText.includes(`报名学员,${enrolled}`), 'the CSV has the numbers on the screen');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel 表格' }).click()]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const bytes = await streamBytes(await xlsx.createReadStream());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
}

async function streamBytes(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function run(javaScriptEnabled, tag) {
  const phone = `1388${String(Date.now()).slice(-7)}`;
  const name = `报表学员${tag}`;
  const learner = await phonePage(browser, { javaScriptEnabled });
  await learnerReportsFirstSale(learner, phone, name);
  const office = await phonePage(browser, { javaScriptEnabled });
  await signIn(office, 'demo-office');
  await office.goto(`${BASE}/reports`);
  const before = await figure(office, '卖出第一单');
  await office.reload();
  assert.equal(await figure(office, '卖出第一单'), before, 'a report not yet confirmed does not count');
  const trainer = await phonePage(browser, { javaScriptEnabled });
  await trainerConfirms(trainer, name);
  await office.goto(`${BASE}/reports`);
  assert.equal(await figure(office, '卖出第一单'), before + 1, 'counted once confirmed');
  await officeDrillsDownAndDownloads(office);
  for (const page of [learner, office, trainer]) assert.deepEqual(page.errors, []);
}

test('reports with JavaScript off', async () => {
  assert.ok(PASSWORD, 'E2E_PASSWORD is set by server/scripts/e2e.sh');
  await run(false, '甲');
});

test('reports with JavaScript on', async () => {
  await run(true, '乙');
});
