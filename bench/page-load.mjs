// Cold load, 1,000 rows against a vanilla-JS baseline, and memory, in headless Chromium.
// Usage: node bench/page-load.mjs <base URL> <email> <password> <runs>
// Prints one line: "result: {json}" with every sample in milliseconds (memory in bytes).
//
// - Cold load of /customers: a new browser context (empty cache) per run, CPU throttled 4× over
//   the Chrome DevTools Protocol; first contentful paint, largest contentful paint, and the
//   frame in which the first customer row is on screen.
// - 1,000 rows: /customers?size=1000 in the app, and bench/vanilla-rows.html rendering the same
//   answer into the same markup by hand. Both are timed the same way: from the end of the
//   customers response to the frame in which the 1,000th row is on screen.
// - Memory after the 1,000 rows: the JS heap (both pages) and the app's wasm linear memory.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [base, email, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const vanilla = readFileSync(new URL('./vanilla-rows.html', import.meta.url), 'utf8');
const css = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8').match(/href="(\/main-[^"]+\.css)"/)?.[1];

// Runs in every page before its own scripts: frame-accurate "rows on screen" times, and the
// app's wasm memory once Trunk's loader has started it.
const probe = () => {
  window.__rows = (n) =>
    new Promise((resolve) => {
      const tick = (t) => {
        if (document.querySelectorAll('table.customers > tbody').length >= n) resolve(t);
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'],
});

async function signedInContext() {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
  const r = await context.request.post('/api/v1/auth/signin', { data: { email, password } });
  if (r.status() !== 200) throw new Error(`sign-in answered ${r.status()}`);
  await context.addInitScript(probe);
  return context;
}

/** ms from the end of the customers response to the frame showing `n` rows. */
async function rowsTiming(page, n) {
  const painted = await page.evaluate((n) => window.__rows(n), n);
  const response = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/customers?')).at(-1)?.responseEnd);
  return painted - response;
}

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

const out = { coldLoad: { fcp: [], lcp: [], firstRow: [] }, rows: { app: [], vanilla: [] }, memory: {} };
try {
  for (let i = 0; i < runs; i++) {
    const context = await signedInContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto('/customers');
    const firstRow = await page.evaluate(() => window.__rows(1));
    const paints = await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const lcp = list.getEntries().at(-1).startTime;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        resolve({ fcp, lcp });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    }));
    out.coldLoad.fcp.push(paints.fcp);
    out.coldLoad.lcp.push(paints.lcp);
    out.coldLoad.firstRow.push(firstRow);
    await context.close();
  }

  for (let i = 0; i < runs; i++) {
    const context = await signedInContext();
    const page = await context.newPage();
    await page.goto('/customers?size=1000');
    out.rows.app.push(await rowsTiming(page, 1000));
    if (i === runs - 1) {
      out.memory.appJsHeap = await heap(page);
      out.memory.appWasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? null);
    }
    // The baseline: same origin, same session, same answer, same markup and style sheet.
    await page.route('**/bench/vanilla-rows.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: vanilla.replace('__CSS__', css ?? '') }));
    await page.goto('/bench/vanilla-rows.html');
    out.rows.vanilla.push(await rowsTiming(page, 1000));
    if (i === runs - 1) out.memory.vanillaJsHeap = await heap(page);
    await context.close();
  }
  console.log(`result: ${JSON.stringify(out)}`);
} finally {
  await browser.close();
}
