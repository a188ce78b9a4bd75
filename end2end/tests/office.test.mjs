// Staff on a phone: an admin adds a county, township and village and an office account; the office
// signs in, must replace its first password, imports a household CSV, watches it finish and
// finds the households — once with JavaScript off and once hydrated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';

const ADMIN = process.env.E2E_ADMIN_LOGIN;
const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, login, password) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function signOut(page) {
  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('link', { name: '登录' }).waitFor();
}

async function addRegion(page, level, parent, name) {
  await page.goto(`${BASE}/staff/regions`);
  const form = page.locator('form', { hasText: '新建' }).first();
  await form.getByLabel('级别').selectOption({ label: level });
  if (parent) await form.getByLabel('上级').selectOption({ label: parent });
  await form.getByLabel('名称').fill(name);
  await form.getByRole('button', { name: '新建' }).click();
  await page.getByText(name).first().waitFor();
}

async function adminSetsUp(page, run) {
  await signIn(page, ADMIN, PASSWORD);
  await page.locator('.who').waitFor();
  await addRegion(page, '县', null, `${run}县`);
  await addRegion(page, '乡镇', `${run}县`, `${run}镇`);
  await addRegion(page, '村', `${run}镇`, `${run}村`);
  await page.goto(`${BASE}/staff/users`);
  const form = page.locator('form', { hasText: '初始密码' });
  await form.getByLabel('姓名').fill(`${run}帮扶办`);
  await form.getByLabel('登录名').fill(`${run}office`);
  await form.getByLabel('角色').selectOption({ label: '帮扶办' });
  await form.getByLabel('区域').selectOption({ label: `${run}县` });
  await form.getByLabel('初始密码').fill('first-password-1');
  await form.getByRole('button', { name: '新建' }).click();
  await page.getByRole('cell', { name: `${run}office` }).waitFor();
  await signOut(page);
}

function householdsCsv(run) {
  const header = '户编号,村,姓名,性别,出生年份,与户主关系,身份证号,手机号,文化程度,劳动技能,人员类别,贫困户类型,主要致贫原因';
  return [header,
    `${run}-001,${run}村,覃大姐,女,1985,户主,,,初中,种桑养蚕,建档立卡户,一般户,缺技术`,
    `${run}-001,${run}村,覃小弟,男,2004,子女,,,高中,,农村青年,一般户,缺技术`,
    `${run}-002,${run}村,韦大哥,男,1979,户主,,,小学,养鸡,返乡人员,,`].join('\r\n') + '\r\n';
}

async function officeImports(page, run) {
  await signIn(page, `${run}office`, 'first-password-1');
  await page.waitForURL(/\/account\/password/);
  await page.getByLabel('现在的密码').fill('first-password-1');
  await page.getByLabel('新密码（至少8位）').fill('my-own-password-2');
  await page.getByLabel('再输一次新密码').fill('my-own-password-2');
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.goto(`${BASE}/households/import`);
  await page.getByLabel('文件', { exact: true }).setInputFiles({ name: 'households.csv', mimeType: 'text/csv', buffer: Buffer.from(householdsCsv(run)) });
  await page.getByLabel('只检查，不导入').uncheck();
  await page.getByRole('button', { name: '上传' }).click();
  await page.waitForURL(/\/imports\/\d+/);
  await page.getByText('导入完成').waitFor({ timeout: 20000 });
  await page.goto(`${BASE}/households`);
  await page.getByRole('link', { name: `${run}-002` }).click();
  await page.getByText('韦大哥').waitFor();
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > 361)
    .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`));
  assert.deepEqual(wide, [], 'no sideways scroll on the household page');
}

test('an office imports households with JavaScript off', async () => {
  assert.ok(ADMIN && PASSWORD, 'E2E_ADMIN_LOGIN and E2E_PASSWORD are set by server/scripts/e2e.sh');
  const page = await phonePage(browser, { javaScriptEnabled: false });
  const run = `nojs${Date.now() % 100000}`;
  await adminSetsUp(page, run);
  await officeImports(page, run);
});

test('an office imports households with JavaScript on', async () => {
  const page = await phonePage(browser);
  const run = `js${Date.now() % 100000}`;
  await adminSetsUp(page, run);
  await officeImports(page, run);
  assert.deepEqual(page.errors, [], 'no browser errors (such as scripts blocked by the CSP)');
});
