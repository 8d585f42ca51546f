// Lighthouse (mobile preset: simulated slow 4G and 4× CPU) on the sign-in page and, signed in,
// on Customers, in Debian's Chromium. Usage: node bench/lighthouse.mjs <base URL> <email> <password> <runs>
// Prints one line: "result: {json}" with each run's performance score and LCP in ms, and the
// page each run ended on (a Customers run that ends on sign-in is not a Customers figure).
//
// Lighthouse drives a Chromium started here, whose cookie jar holds the session for the
// Customers runs and nothing for the sign-in runs. A `Cookie` passed as an extra header does
// not last: once the app keeps the reader's language in its cookie, the browser sends the jar's
// cookies instead of the extra header, the list is refused and the page goes to sign-in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Both come with Lighthouse: its own launcher, and the WebSocket client for the browser's protocol.
import { launch } from 'chrome-launcher';
import WebSocket from 'ws';

const [base, email, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);

const signIn = await fetch(`${base}/api/v1/auth/signin`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ email, password }),
});
if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
const cookies = signIn.headers.getSetCookie().map((c) => {
  const [name, ...value] = c.split(';')[0].split('=');
  return { name, value: value.join('='), url: `${base}/`, secure: true, httpOnly: true, sameSite: 'Strict' };
});

// The project's own Lighthouse, run by this Node: the bench's PATH need not hold `node_modules/.bin`.
const cli = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const port = chrome.port;

/** One command to the browser (not a page), for its cookie jar. */
async function browserCommand(method, params) {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const ws = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const answer = new Promise((resolve) => ws.once('message', (m) => resolve(JSON.parse(m))));
  ws.send(JSON.stringify({ id: 1, method, params }));
  const { error } = await answer;
  ws.close();
  if (error) throw new Error(`${method}: ${error.message}`);
}

function audit(path) {
  const report = join(dir, 'report.json');
  execFileSync(process.execPath, [
    cli,
    `${base}${path}`,
    '--only-categories=performance',
    '--output=json',
    `--output-path=${report}`,
    '--quiet',
    `--port=${port}`,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  const lhr = JSON.parse(readFileSync(report, 'utf8'));
  return {
    score: lhr.categories.performance.score,
    lcp: lhr.audits['largest-contentful-paint'].numericValue,
    page: new URL(lhr.finalDisplayedUrl).pathname,
  };
}

const out = { signIn: [], customers: [] };
try {
  // Alternating, so a slower moment of the machine does not fall on one page only.
  for (let i = 0; i < runs; i++) {
    await browserCommand('Storage.clearCookies', {});
    out.signIn.push(audit('/signin'));
    await browserCommand('Storage.setCookies', { cookies });
    out.customers.push(audit('/customers'));
  }
  if (out.customers.some((r) => r.page !== '/customers')) throw new Error(`a Customers run ended elsewhere: ${JSON.stringify(out.customers)}`);
  console.log(`result: ${JSON.stringify(out)}`);
} finally {
  await chrome.kill();
  rmSync(dir, { recursive: true, force: true });
}
