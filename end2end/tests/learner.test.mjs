// A learner on a phone: catalogue → course → lesson, with and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, phonePage, waitForHydration } from './browser.mjs';

const LESSON = '/lessons/shouji-anzhuang-app';
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function noSideways(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width}px wide on a 360px screen`);
}

test('catalogue → course → lesson on a phone, rendered Markdown included', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await noSideways(page);
  await page.getByRole('link', { name: /农村电商/ }).first().click();
  await page.waitForURL(/\/courses\/nongcun-dianshang$/);
  await page.getByRole('heading', { level: 2, name: /手机基础/ }).waitFor();
  await page.locator(`a[href="${LESSON}"]`).first().click();
  await page.waitForURL(new RegExp(`${LESSON}$`));
  await page.locator('.prose h2#h-做一做').waitFor();
  assert.ok(await page.locator('.prose ol li').count() > 0, 'numbered steps rendered from Markdown');
  assert.ok(await page.locator('.quiz input[type=radio]').count() >= 6, 'quiz choices shown');
  await noSideways(page);
  assert.deepEqual(page.errors, []);
});

test('the same lesson works with JavaScript disabled, quiz included', async () => {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}${LESSON}`);
  await page.locator('.prose h2#h-做一做').waitFor();
  assert.equal(await page.locator('button.text-toggle').isVisible(), false, 'JS-only switch stays hidden');
  await page.locator('.quiz input[name=q0]').first().check();
  await page.getByRole('button', { name: '看答案' }).click();
  await page.waitForURL(/check=[0-9a-f]{8,}/);
  const score = await page.locator('.score').textContent();
  assert.match(score, /答对 \d+ \/ \d+/);
  assert.ok(await page.locator('.question .feedback').count() >= 3, 'every question explained');
  await page.locator('a[rel=next]').click();
  await page.waitForURL(/\/lessons\/shouji-/);
  assert.notEqual(new URL(page.url()).pathname, LESSON);
});

test('after hydration the large-text switch works and is remembered', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE}${LESSON}`);
  await waitForHydration(page);
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.locator('button.text-toggle').click();
  await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.ok(after > before, `text grew from ${before} to ${after}`);
  await page.reload();
  await waitForHydration(page);
  await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
  assert.equal(await page.locator('button.text-toggle').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.errors, []);
});

test('after hydration a lesson can be read aloud, paused and stopped', async () => {
  const page = await phonePage(browser);
  // Headless Chromium has the speech API but no voices: record what the page asks it to say.
  await page.addInitScript(() => {
    window.__spoken = [];
    window.speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); };
  });
  await page.goto(`${BASE}${LESSON}`);
  await waitForHydration(page);
  await page.getByRole('button', { name: '读给我听' }).click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.equal(spoken[0].lang, 'zh-CN');
  assert.ok(spoken[0].text.length > 200, 'the whole lesson text is read');
  await page.getByRole('button', { name: '暂停' }).click();
  await page.getByRole('button', { name: '继续读' }).click();
  await page.getByRole('button', { name: '停止' }).click();
  await page.getByRole('button', { name: '读给我听' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('with JavaScript off the read-aloud button stays hidden', async () => {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}${LESSON}`);
  assert.equal(await page.getByRole('button', { name: '读给我听' }).isVisible(), false);
});

test('after hydration the quiz is checked in place, without a page load', async () => {
  const page = await phonePage(browser);
  await page.goto(`${BASE}${LESSON}`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__samePage = true; });
  await page.locator('.quiz input[name=q1]').first().check();
  await page.getByRole('button', { name: '看答案' }).click();
  await page.locator('.score').waitFor();
  assert.equal(await page.evaluate(() => window.__samePage), true, 'no full page load happened');
  assert.match(page.url(), /check=[0-9a-f]{8,}/, "the quiz form carries this page view's event id");
  assert.deepEqual(page.errors, []);
});

test('the language switch shows the English interface', async () => {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}${LESSON}`);
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(new RegExp(`${LESSON}$`));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('button', { name: 'Check answers' }).waitFor();
});
