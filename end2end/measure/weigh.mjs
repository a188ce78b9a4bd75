// Prints what a learner's phone downloads, as sent over the wire (compressed bodies and headers),
// measured in Debian's chromium at a phone viewport with an empty cache: the first visit (sign-in
// page, signing in, the learner's home, one lesson, and what the service worker keeps on its
// own), and of the lesson page alone what it takes to read it (HTML + CSS) and to use it (JS +
// wasm). Run by server/scripts/bench-pages.sh; asserts nothing.
import { launch, phonePage, BASE, waitForHydration } from '../tests/browser.mjs';

const LESSON = process.env.WEIGH_LESSON || '/lessons/shouji-anzhuang-app';
const KiB = (bytes) => (bytes / 1024).toFixed(1);

/// Records every finished request of the context, the service worker's included.
function recorder(context) {
  const seen = [];
  context.on('requestfinished', async (request) => {
    seen.push((async () => {
      const sizes = await request.sizes().catch(() => null);
      const url = new URL(request.url());
      return {
        path: url.pathname + url.search, type: request.resourceType(),
        worker: Boolean(request.serviceWorker()),
        bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
      };
    })());
  });
  return async () => Promise.all(seen);
}

const settle = (page) => page.waitForLoadState('networkidle').then(() => page.waitForTimeout(1500));

const browser = await launch();
try {
  const page = await phonePage(browser);
  const all = recorder(page.context());
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel('手机号或用户名').fill(process.env.E2E_LOGIN);
  await page.getByLabel('密码').fill(process.env.E2E_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.who').waitFor();
  if (!new URL(page.url()).pathname.startsWith('/me')) await page.goto(`${BASE}/me`);
  await settle(page);
  await page.goto(`${BASE}${LESSON}`);
  await waitForHydration(page);
  await settle(page);
  const requests = await all();
  const total = requests.reduce((sum, r) => sum + r.bytes, 0);
  const byWorker = requests.filter((r) => r.worker).reduce((sum, r) => sum + r.bytes, 0);

  // The lesson alone, in a fresh context (empty cache, no worker yet).
  const lessonPage = await phonePage(browser);
  const lessonRequests = recorder(lessonPage.context());
  await lessonPage.goto(`${BASE}${LESSON}`);
  await waitForHydration(lessonPage);
  await settle(lessonPage);
  const lesson = (await lessonRequests()).filter((r) => !r.worker);
  const sum = (test) => lesson.filter(test).reduce((s, r) => s + r.bytes, 0);
  const readable = sum((r) => r.type === 'document' || r.path.endsWith('.css'));
  const interactive = sum((r) => /\.(js|wasm)$/.test(r.path) && !r.path.startsWith('/sw.js'));

  console.log(`== page weight over the wire (compressed bodies + headers, empty cache)`);
  console.log(`  lesson readable (HTML + CSS)            ${String(readable).padStart(8)} B = ${KiB(readable)} KiB [<= 30 KB]`);
  console.log(`  lesson interactive (JS + wasm)          ${String(interactive).padStart(8)} B = ${KiB(interactive)} KiB [<= 100 KB]`);
  console.log(`  first visit (sign-in, home, lesson)     ${String(total).padStart(8)} B = ${KiB(total)} KiB [<= 160 KiB]`);
  console.log(`    of which the service worker's own      ${String(byWorker).padStart(8)} B (keeps the offline pages)`);
  console.log(`    requests                               ${String(requests.length).padStart(8)}`);
  if (process.env.WEIGH_LIST) for (const r of requests) console.log(`    ${String(r.bytes).padStart(8)} ${r.worker ? 'sw ' : '   '}${r.type.padEnd(10)} ${r.path}`);
} finally {
  await browser.close();
}
