// A learner on a phone whose connection comes and goes: a lesson opened once or saved with its
// module reads offline, "lesson done" and quiz answers made offline wait on the phone, and when
// the connection returns they reach the server once (the lesson shows as done, the quiz result
// is on the learner's home).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage, waitForHydration } from './browser.mjs';

const LESSON = '/lessons/shouji-anzhuang-app';
const LEARNER = process.env.E2E_LEARNER_OFFLINE;
const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function waiting(page) {
  return page.locator('[data-offline-waiting]').evaluate((el) => (el.hidden ? 0 : Number(el.dataset.count)));
}

test('a lesson read, finished and answered offline reaches the server once', async () => {
  assert.ok(LEARNER && PASSWORD, 'E2E_LEARNER_OFFLINE is created by server/scripts/e2e.sh');
  const page = await phonePage(browser);
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(LEARNER);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
  await page.goto(`${BASE}${LESSON}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // Opened again under the service worker: the lesson and the app's files are kept.
  await page.reload();
  await waitForHydration(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled');

  // One tap keeps the first module's lessons, read or not, and says how much space they take.
  await page.goto(`${BASE}/courses/nongcun-dianshang`);
  const box = page.locator('[data-offline-module]').first();
  await box.locator('[data-offline-save]').click();
  await box.locator('[data-offline-saved]:not([hidden])').waitFor({ timeout: 30000 });
  assert.match(await box.locator('[data-offline-saved]').getAttribute('data-size'), /^\d+ KB$/);
  const kept = await page.locator('.module').first().locator('a[href^="/lessons/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const unread = kept.find((href) => href !== LESSON);

  await page.context().setOffline(true);
  await page.goto(`${BASE}${unread}`);
  await page.locator('.prose').waitFor();
  await page.goto(`${BASE}${LESSON}`);
  await page.locator('.prose h2#h-做一做').waitFor();
  await waitForHydration(page);
  const questions = await page.locator('.quiz fieldset').count();
  for (let i = 0; i < questions; i++) await page.locator(`.quiz input[name=q${i}]`).first().check();
  await page.getByRole('button', { name: '看答案' }).click();
  await page.getByText('没有网络：答案已存在手机上').waitFor();
  await page.getByRole('button', { name: '这一课学完了' }).click();
  await page.waitForURL(/\/offline\?queued=1$/);
  await page.getByText('已存在手机上，有网络时会自动发送').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-offline-waiting]')?.dataset.count === '2');
  assert.equal(await waiting(page), 2, 'the completion and the answers wait');
  // Pressing again while offline keeps one completion (the same page view's event id).
  await page.goBack();
  await page.getByRole('button', { name: '这一课学完了' }).click();
  await page.waitForURL(/\/offline\?queued=1$/);
  await page.waitForFunction(() => document.querySelector('[data-offline-waiting]')?.dataset.count === '2');

  await page.context().setOffline(false);
  await page.waitForFunction(() => document.querySelector('[data-offline-waiting]')?.hidden === true, null, { timeout: 20000 });
  await page.goto(`${BASE}${LESSON}`);
  await page.getByText('这一课已学完').waitFor();
  await page.goto(`${BASE}/courses/nongcun-dianshang`);
  await box.locator('[data-offline-remove]').click();
  await box.locator('[data-offline-saved]').waitFor({ state: 'hidden' });
  await page.goto(`${BASE}/me`);
  const rows = page.locator('table.data tr', { hasText: await lessonTitle(page) });
  assert.equal(await rows.count(), 1, 'one quiz result for the lesson');
  assert.match(await rows.first().innerText(), new RegExp(`\\d+/${questions}`));
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e)), []);
});

async function lessonTitle(page) {
  const other = await page.context().newPage();
  await other.goto(`${BASE}${LESSON}`);
  const title = (await other.locator('h1').innerText()).trim();
  await other.close();
  return title;
}
