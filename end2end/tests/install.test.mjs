// The app can be put on a phone's home screen: Chromium finds nothing that stops installing it
// (manifest, icons, a service worker that answers offline), and the guide for the browsers that
// never offer it themselves reads without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE, PHONE, launch, phonePage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('chromium finds the app installable', async () => {
  // A profile on disk: Chromium installs nothing from an incognito context, which a plain
  // Playwright context is.
  const profile = mkdtempSync(join(tmpdir(), 'nd-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...PHONE, executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await checkInstallable(await context.newPage());
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function checkInstallable(page) {
  await page.goto(`${BASE}/`);
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { url, errors } = await cdp.send('Page.getAppManifest');
  assert.ok(url.endsWith('/manifest.webmanifest'), url);
  assert.deepEqual(errors, []);
}

test('the home-screen guide reads with JavaScript off', async () => {
  const page = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE}/install`);
  await page.getByRole('heading', { level: 1, name: '装到手机桌面' }).waitFor();
  assert.ok(await page.locator('ol.steps li').count() >= 4, 'the steps are listed');
  assert.equal(await page.getByRole('button', { name: '现在安装' }).isVisible(), false,
    'the install button waits for a browser that offers installing');
});
