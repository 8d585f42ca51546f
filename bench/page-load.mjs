// Cold load, 1,000 rows against a vanilla-JS baseline, and memory, in headless Chromium.
// Usage: node bench/page-load.mjs <base URL> <email> <password> <runs> <customer admin email>
// Prints one line: "result: {json}" with every sample in milliseconds (memory in bytes).
//
// - Cold load of /customers: a new browser context (empty cache) per run, CPU throttled 4× over
//   the Chrome DevTools Protocol; first contentful paint, largest contentful paint, and the
//   frame in which the first customer row is on screen.
// - 1,000 rows: /customers?size=1000 in the app, and bench/vanilla-rows.html rendering the same
//   answer into the same markup by hand. Both are timed the same way: from the end of the
//   customers response until the 1,000th row is in the document and laid out (a
//   MutationObserver, then a forced layout). Frame times would round both to 16.7 ms steps.
//   Runs alternate app and vanilla; each is measured cold (the first render of the page) and
//   warm (the sixth: the list sorted the other way by a click on "Name", after five such
//   renders). The vanilla page has the app's shell, style sheet, width, labels and pager.
// - Memory after the 1,000 rows: the JS heap (both pages) and the app's wasm linear memory.
// - Bytes over the wire for a first visit (a new context, empty cache), signed in: Customers as
//   the partner, the accept page as a customer's admin. Chromium's encoded sizes of every
//   response (headers included) until the network is idle, the app's files apart from the API.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [base, email, password, runsArg, customerAdmin] = process.argv.slice(2);
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
  // Counts the rows as they are added (cheap per batch, whatever the batching), then forces
  // layout once the n-th is in.
  window.__laidOut = (n) =>
    new Promise((resolve) => {
      let rows = 0;
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          for (const node of r.addedNodes) {
            if (node.nodeName === 'TBODY') rows += 1;
            else if (node.nodeType === 1) rows += node.getElementsByTagName('tbody').length;
          }
        }
        if (rows >= n) {
          observer.disconnect();
          const dom = performance.now();
          document.body.getBoundingClientRect();
          resolve({ dom, laidOut: performance.now() });
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-precise-memory-info'],
});

/** Only in the 1,000-row runs: the observer would weigh on the cold loads. */
const rowsProbe = () => { window.__rowsLaidOut = window.__laidOut(1000); };

async function signedInContext(extra, as = email) {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
  const r = await context.request.post('/api/v1/auth/signin', { data: { email: as, password } });
  if (r.status() !== 200) throw new Error(`sign-in answered ${r.status()}`);
  await context.addInitScript(probe);
  if (extra) await context.addInitScript(extra);
  return context;
}

/** ms from the end of the customers response to 1,000 rows in the document, and laid out. */
async function rowsTiming(page) {
  const { dom, laidOut } = await page.evaluate(() => window.__rowsLaidOut);
  const response = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/customers?')).at(-1)?.responseEnd);
  return { dom: dom - response, laidOut: laidOut - response };
}

async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** Bytes a first visit to `path` receives: the app's files, and the API's answers. */
async function wireBytes(as, path) {
  const context = await signedInContext(null, as);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const bytes = { app: 0, api: 0, files: {} };
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = new URL(urls.get(e.requestId) ?? base);
    if (url.pathname.startsWith('/api/')) bytes.api += e.encodedDataLength;
    else {
      bytes.app += e.encodedDataLength;
      bytes.files[url.pathname] = e.encodedDataLength;
    }
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  await context.close();
  return bytes;
}

/** Starts watching for 1,000 new rows, runs `render`, and answers their timing. */
async function timedRender(page, render) {
  await page.evaluate(rowsProbe);
  await render();
  return rowsTiming(page);
}

const out = { coldLoad: { fcp: [], lcp: [], firstRow: [] }, rows: { app: [], vanilla: [], appDom: [], vanillaDom: [], appWarm: [], vanillaWarm: [], appWarmDom: [], vanillaWarmDom: [] }, memory: {}, wire: {} };
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

  out.wire.customers = await wireBytes(email, '/customers');
  // The link a customer's admin opens (the token is a well-formed stranger: the page and its
  // code load the same, and the refusal it shows is one more small answer).
  out.wire.accept = await wireBytes(customerAdmin, `/m365-admin/accept#${'A'.repeat(43)}`);

  // Warm renders: the list sorted the other way, five times, then timed the sixth.
  const warm = async (page, sortBy) => {
    let t;
    for (let n = 0; n < 6; n++) t = await timedRender(page, () => sortBy(n));
    return t;
  };
  for (let i = 0; i < 2 * runs; i++) {
    const context = await signedInContext(rowsProbe);
    const page = await context.newPage();
    // Both pages sort the same way: a click on their "Name" header.
    const sortByName = () => page.getByRole('button', { name: 'Name', exact: true }).click();
    await page.goto('/customers?size=1000');
    {
      const t = await rowsTiming(page);
      out.rows.app.push(t.laidOut);
      out.rows.appDom.push(t.dom);
    }
    {
      const t = await warm(page, sortByName);
      out.rows.appWarm.push(t.laidOut);
      out.rows.appWarmDom.push(t.dom);
    }
    if (i === 2 * runs - 1) {
      out.memory.appJsHeap = await heap(page);
      out.memory.appWasm = await page.evaluate(() => window.__wasm?.memory?.buffer.byteLength ?? null);
    }
    // The baseline: same origin, same session, same answer, same markup and style sheet.
    await page.route('**/bench/vanilla-rows.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: vanilla.replace('__CSS__', css ?? '') }));
    await page.goto('/bench/vanilla-rows.html');
    {
      const t = await rowsTiming(page);
      out.rows.vanilla.push(t.laidOut);
      out.rows.vanillaDom.push(t.dom);
    }
    {
      const t = await warm(page, sortByName);
      out.rows.vanillaWarm.push(t.laidOut);
      out.rows.vanillaWarmDom.push(t.dom);
    }
    if (i === 2 * runs - 1) out.memory.vanillaJsHeap = await heap(page);
    await context.close();
  }
  console.log(`result: ${JSON.stringify(out)}`);
} finally {
  await browser.close();
}
