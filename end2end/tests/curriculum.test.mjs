// Every lesson and module test of the course reads well on a 360px phone without JavaScript:
// nothing wider than the screen, every picture loads and has alt text, the practice task and the
// quiz are there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';

const LOGIN = process.env.E2E_LOGIN;
const PASSWORD = process.env.E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every lesson and module test fits a phone screen and is complete', async () => {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  // Module tests are for signed-in learners (a test page is a draw of questions).
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(LOGIN);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
  await page.goto(`${BASE}/courses/nongcun-dianshang`);
  const lessons = await page.locator('.lessons a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const tests = await page.locator('a[href$="/test"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const modules = await page.locator('.module').count();
  assert.ok(lessons.length >= 60, `only ${lessons.length} lessons listed`);
  assert.ok(modules >= 14, `only ${modules} modules listed`);
  assert.equal(tests.length, modules, 'one test per module');
  for (const href of [...lessons, ...tests]) {
    const response = await page.goto(`${BASE}${href}`);
    assert.equal(response.status(), 200, href);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${href} is ${width}px wide`);
    assert.ok(await page.locator('.quiz fieldset').count() >= 3, `${href} has a quiz`);
    if (href.startsWith('/lessons/')) {
      assert.equal(await page.locator('.prose h2#h-做一做').count(), 1, `${href} has a practice task`);
    }
    const images = await page.locator('.prose img').evaluateAll((imgs) =>
      imgs.map((img) => ({ src: img.getAttribute('src'), alt: img.alt })));
    for (const image of images) {
      assert.ok(image.alt.length > 4, `${href}: picture ${image.src} needs alt text`);
      const picture = await page.request.get(`${BASE}${image.src}`);
      assert.equal(picture.status(), 200, `${href}: picture ${image.src} did not load`);
      assert.match(picture.headers()['content-type'], /^image\//);
    }
  }
  assert.deepEqual(page.errors, []);
});
