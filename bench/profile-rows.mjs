// A CPU profile of the 1,000-row render of Customers, for finding what costs per row: the
// first render (from navigation) or a re-render (a click on "Name"), self time by function.
// Usage: node bench/profile-rows.mjs <base URL> <email> <password> cold|warm [out.cpuprofile]
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';

const [base, email, password, mode = 'warm', out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
  const r = await context.request.post('/api/v1/auth/signin', { data: { email, password } });
  if (r.status() !== 200) throw new Error(`sign-in answered ${r.status()}`);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const rows = (order) => page.waitForFunction((order) => {
    const first = document.querySelector('table.customers > tbody th');
    return document.querySelectorAll('table.customers > tbody').length >= 1000 && (!order || document.querySelector('th[aria-sort]')?.getAttribute('aria-sort') === order);
  }, order, { timeout: 60_000 });
  if (mode === 'cold') {
    await cdp.send('Profiler.start');
    await page.goto('/customers?size=1000');
    await rows();
  } else {
    await page.goto('/customers?size=1000');
    await rows();
    await page.waitForTimeout(500);
    await cdp.send('Profiler.start');
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await rows('descending');
    await page.waitForTimeout(300);
  }
  const { profile } = await cdp.send('Profiler.stop');
  if (out) writeFileSync(out, JSON.stringify(profile));
  const dt = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    dt.set(key, (dt.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  console.log(`total sampled ${(total / 1000).toFixed(1)} ms`);
  for (const [k, v] of [...dt.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
} finally {
  await browser.close();
}
