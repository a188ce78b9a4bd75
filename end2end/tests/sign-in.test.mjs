// A learner signs in and out on a phone, with JavaScript on and with it off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage, waitForHydration } from './browser.mjs';

const LOGIN = process.env.E2E_LOGIN;
const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signInAndOut(page) {
  await page.goto(`${BASE}/courses/nongcun-dianshang`);
  await page.getByRole('link', { name: '登录' }).click();
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('手机号或用户名').fill(LOGIN);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('手机号（用户名）或密码不对').waitFor();
  await page.getByLabel('手机号或用户名').fill(LOGIN);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who', { hasText: '测试学员' }).waitFor();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'nd_session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('link', { name: '登录' }).waitFor();
}

test('sign in and out with JavaScript off', async () => {
  assert.ok(LOGIN && PASSWORD, 'E2E_LOGIN and E2E_PASSWORD are set by server/scripts/e2e.sh');
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await signInAndOut(page);
});

test('sign in and out with JavaScript on', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE}/`);
  await waitForHydration(page).catch(() => {}); // the catalogue has no JS-only control
  await signInAndOut(page);
  assert.deepEqual(page.errors, []);
});
