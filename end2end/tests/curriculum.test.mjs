// Every lesson and module test of the course reads well on a 360px phone without JavaScript:
// nothing wider than the screen, every picture loads and has alt text, the practice task and the
// quiz are there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every lesson and module test fits a phone screen and is complete', async () => {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}/courses/nongcun-dianshang`);
  const lessons = await page.locator('.lessons a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const tests = await page.locator('a[href$="/test"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(lessons.length >= 40, `only ${lessons.length} lessons listed`);
  assert.equal(tests.length, 9, 'one test per module');
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
