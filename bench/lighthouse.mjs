// Lighthouse (mobile preset: simulated slow 4G and 4× CPU) on the sign-in page and, signed in,
// on Customers, in Debian's Chromium. Usage: node bench/lighthouse.mjs <base URL> <email> <password> <runs>
// Prints one line: "result: {json}" with each run's performance score and LCP in ms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, email, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);

const signIn = await fetch(`${base}/api/v1/auth/signin`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ email, password }),
});
if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

// The project's own Lighthouse, run by this Node: the bench's PATH need not hold `node_modules/.bin`.
const cli = fileURLToPath(new URL('../node_modules/lighthouse/cli/index.js', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
function audit(path, headers) {
  const report = join(dir, 'report.json');
  execFileSync(process.execPath, [
    cli,
    `${base}${path}`,
    '--only-categories=performance',
    '--output=json',
    `--output-path=${report}`,
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
    ...(headers ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
  ], { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const lhr = JSON.parse(readFileSync(report, 'utf8'));
  return { score: lhr.categories.performance.score, lcp: lhr.audits['largest-contentful-paint'].numericValue };
}

const out = { signIn: [], customers: [] };
try {
  // Alternating, so a slower moment of the machine does not fall on one page only.
  for (let i = 0; i < runs; i++) {
    out.signIn.push(audit('/signin'));
    out.customers.push(audit('/customers', { Cookie: cookie }));
  }
  console.log(`result: ${JSON.stringify(out)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
