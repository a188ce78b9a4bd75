// A learner on a phone works through the course — marks every lesson done, passes every module
// test — and opens the certificate, then a stranger checks it from its QR link. Once with
// JavaScript off and once hydrated, each with its own learner; the second stranger checks it again
// with no connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';
import { answerKey } from './answers.mjs';

const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function signIn(page, login) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(login);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
}

const KEY = answerKey();

/// Answers a module test as a learner who studied the lessons: each drawn question's right choice,
/// wherever the shuffle put it. A test is handed in once, so there is no second try.
async function passTest(page) {
  const questions = page.locator('li.question');
  // The questions are in the page as the server sent it (a checked test keeps its draw).
  await questions.first().waitFor();
  const count = await questions.count();
  assert.ok(count > 0, 'the test has questions');
  for (let i = 0; i < count; i++) {
    const question = questions.nth(i);
    const prompt = (await question.locator('legend').innerText()).trim();
    const right = KEY.get(prompt);
    assert.ok(right, `the lessons teach the answer to ${prompt}`);
    await question.locator('label.choice', { has: page.locator('span', { hasText: right }) }).first().locator('input').check();
  }
  await page.getByRole('button', { name: '看答案' }).click();
  await page.getByText('通过了！').waitFor();
}

async function earnCertificate(page) {
  await page.goto(`${BASE}/courses/nongcun-dianshang`);
  const lessons = await page.locator('a[href^="/lessons/"]').evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')))]);
  assert.ok(lessons.length >= 60, `the course lists its lessons (${lessons.length})`);
  for (const href of lessons) {
    await page.goto(`${BASE}${href}`);
    await page.getByRole('button', { name: '这一课学完了' }).click();
    await page.waitForURL(/\/(lessons|certificates)\//);
    const test = page.getByRole('link', { name: '做单元测试' });
    if (page.url().includes('/lessons/') && await test.count() > 0) {
      await test.click();
      await page.waitForURL(/\/modules\/.+\/test/);
      await passTest(page);
    }
  }
  await page.goto(`${BASE}/me`);
  await page.getByRole('link', { name: /农村电商/ }).last().click();
  await page.waitForURL(/\/certificates\//);
  await page.getByText('兹证明').waitFor();
  assert.equal(await page.locator('.qr svg').count(), 1, 'the certificate carries a QR code');
  const verify = await page.getByRole('link', { name: '扫码核验' }).getAttribute('href');
  const stranger = await phonePage(browser, { javaScriptEnabled: false });
  await stranger.goto(verify);
  await stranger.getByText('有效').first().waitFor();
  await stranger.getByText('二维码里的签名正确').waitFor();
  return verify;
}

/// A stranger who once opened a QR link checks certificates with no connection: the signature of
/// the link's payload is checked on the phone, and an altered payload is caught.
async function checkOffline(verify) {
  const page = await phonePage(browser);
  await page.goto(verify);
  await page.getByText('二维码里的签名正确').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(async () => {
    const kept = ['/offline/verify', '/verify-offline.js', '/vendor/tweetnacl.min.js',
      '/.well-known/nongdian-certificate-key.json'];
    return (await Promise.all(kept.map((url) => caches.match(url)))).every(Boolean);
  });
  await page.context().setOffline(true);
  await page.goto(verify);
  await page.getByRole('heading', { name: '没有网络时核验证书' }).waitFor();
  await page.getByText('二维码里的签名正确').waitFor();
  assert.match(await page.locator('[data-field="course"]').innerText(), /农村电商/);
  await page.getByText('证书有没有被撤销，只有联网才能查到。').waitFor();
  const altered = new URL(verify);
  const payload = JSON.parse(Buffer.from(altered.searchParams.get('p'), 'base64url').toString('utf8'));
  payload.course = '别的课程';
  altered.searchParams.set('p', Buffer.from(JSON.stringify(payload)).toString('base64url'));
  await page.goto(altered.href);
  await page.getByText('二维码里的签名不对').waitFor();
  assert.ok(await page.locator('[data-check-fields]').isHidden(), 'an altered certificate shows nothing as true');
  await page.context().setOffline(false);
  assert.deepEqual(page.errors, []);
}

test('a learner earns the certificate with JavaScript off', async () => {
  assert.ok(process.env.E2E_LEARNER_NOJS && PASSWORD, 'learners are created by server/scripts/e2e.sh');
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await signIn(page, process.env.E2E_LEARNER_NOJS);
  await earnCertificate(page);
});

test('a learner earns the certificate with JavaScript on (quiz islands hydrated)', async () => {
  const page = await phonePage(browser);
  await signIn(page, process.env.E2E_LEARNER_JS);
  const verify = await earnCertificate(page);
  assert.deepEqual(page.errors, []);
  await checkOffline(verify);
});
