// Keystroke-to-paint of the Customers search in headless Chromium: the time from the keydown
// event to the first animation frame after the list region changed (the frame that paints it).
// Usage: node bench/search-latency.mjs <base URL> <email> <password>; prints "samples: a, b, …" (ms).
import { chromium } from '@playwright/test';

const [base, email, password] = process.argv.slice(2);
const words = ['bala', 'alfo', 'nord', 'szeg', 'tisz', 'pann', 'zala', 'wood'];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ baseURL: base, locale: 'en-GB' });
  await page.goto('/signin');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('table', { name: 'Customers' }).waitFor();
  await page.evaluate(() => {
    const main = document.querySelector('main');
    const form = document.querySelector('form[role=search]');
    window.__t0 = null;
    window.__t1 = null;
    document.addEventListener('keydown', (e) => { window.__t0 = e.timeStamp; window.__t1 = null; }, true);
    new MutationObserver((records) => {
      if (window.__t0 === null || window.__t1 !== null) return;
      if (records.every((r) => form.contains(r.target))) return;
      requestAnimationFrame(() => { if (window.__t1 === null) window.__t1 = performance.now(); });
    }).observe(main, { childList: true, subtree: true, characterData: true });
  });
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  const samples = [];
  for (const word of words) {
    await search.fill('');
    await page.waitForTimeout(400);
    await search.focus();
    for (const ch of word) {
      await page.evaluate(() => { window.__t0 = null; window.__t1 = null; });
      await page.keyboard.press(ch);
      await page.waitForFunction(() => window.__t1 !== null, null, { timeout: 10_000 });
      samples.push(await page.evaluate(() => window.__t1 - window.__t0));
      await page.waitForTimeout(250);
    }
  }
  console.log(`samples: ${samples.map((s) => s.toFixed(2)).join(', ')}`);
} finally {
  await browser.close();
}
