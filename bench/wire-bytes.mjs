// Bytes over the wire for a first visit, file by file: the bytes part of `page-load.mjs` on its
// own, for measuring one build lever at a time without the whole bench.
// Usage: node bench/wire-bytes.mjs <base URL> <partner email> <password> <customer admin email>
// Prints each response (path, encoded bytes with headers, of which headers) and the totals.
import { chromium } from '@playwright/test';

const [base, email, password, customerAdmin] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function wireBytes(as, path) {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
  const r = await context.request.post('/api/v1/auth/signin', { data: { email: as, password } });
  if (r.status() !== 200) throw new Error(`sign-in answered ${r.status()}`);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const headers = new Map();
  const files = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.responseReceivedExtraInfo', (e) => headers.set(e.requestId, e.headersText?.length ?? 0));
  cdp.on('Network.loadingFinished', (e) => {
    const url = new URL(urls.get(e.requestId) ?? base);
    files.push({ path: url.pathname + url.search, bytes: e.encodedDataLength, headers: headers.get(e.requestId) ?? 0 });
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  await context.close();
  return files;
}

const kib = (n) => (n / 1024).toFixed(1);
for (const [name, as, path] of [
  ['customers', email, '/customers'],
  ['accept', customerAdmin, `/m365-admin/accept#${'A'.repeat(43)}`],
]) {
  const files = await wireBytes(as, path);
  let app = 0, api = 0, head = 0, n = 0;
  for (const f of files) {
    console.log(`${name}\t${f.bytes}\t${f.headers}\t${f.path}`);
    if (f.path.startsWith('/api/')) api += f.bytes;
    else { app += f.bytes; head += f.headers; n += 1; }
  }
  console.log(`TOTAL ${name}: app ${kib(app)} KiB in ${n} files (headers ${kib(head)} KiB), api ${kib(api)} KiB`);
}
await browser.close();
