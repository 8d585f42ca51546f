import type { Page } from '@playwright/test';
import { test, expect, CustomersPage, FABRIKAM_ADMIN, GLOBAL_ADMIN, SignInPage } from './fixtures';

// A first visit does not wait link by link: the page's inline script asks for the page's own
// code, the configuration and the session while the app's main file is still on its way, and
// the app takes those answers instead of asking again.

const MAIN_WASM = /\/partner-portal-[0-9a-f]{16}_bg\.wasm$/;
const PAGE_CODE = /^\/(split|chunk)_[a-z_0-9]+-[0-9a-f]{16}\.wasm$/;

/** Every path the page asks for, in order. */
function requests(page: Page) {
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

test("Customers opened directly downloads its code while the app's main file is on its way, each file once", async ({ page }) => {
  const customers = new CustomersPage(page);
  await new SignInPage(page).open(GLOBAL_ADMIN);
  await expect(customers.heading()).toBeVisible();

  const paths = requests(page);
  // The main file is held back until Customers' own code has been asked for: only the page's
  // script can ask that early, since the app has not started.
  let pageCodeAsked!: () => void;
  const asked = new Promise<void>((resolve) => { pageCodeAsked = resolve; });
  page.on('request', (r) => { if (/\/split_customers-/.test(r.url())) pageCodeAsked(); });
  await page.route(MAIN_WASM, async (route) => { await asked; await route.continue(); });
  await page.goto('/customers');
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();

  const code = paths.filter((p) => PAGE_CODE.test(p));
  expect(code.some((p) => p.startsWith('/split_customers-'))).toBe(true);
  expect(code.length).toBeGreaterThan(1);
  // Nothing twice: the chunk loader took what the page had asked for, and so did the app.
  expect(new Set(code).size).toBe(code.length);
  expect(paths.filter((p) => p === '/config.json')).toHaveLength(1);
  expect(paths.filter((p) => p === '/api/v1/auth/session')).toHaveLength(1);
});

test('a signed-out visitor to Customers signs in and gets the page without downloading its code twice', async ({ page }) => {
  const paths = requests(page);
  await page.goto('/customers');
  const signIn = new SignInPage(page);
  await expect(signIn.heading()).toBeVisible();
  await signIn.signIn(GLOBAL_ADMIN);
  await expect(new CustomersPage(page).row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  const code = paths.filter((p) => PAGE_CODE.test(p));
  expect(code.some((p) => p.startsWith('/split_customers-'))).toBe(true);
  expect(new Set(code).size).toBe(code.length);
});

test('a session answer that fails at start is named with a retry, and the retry asks again', async ({ page, shell, consoleErrors }) => {
  const customers = new CustomersPage(page);
  await new SignInPage(page).open(GLOBAL_ADMIN);
  await expect(customers.heading()).toBeVisible();

  const session = /\/api\/v1\/auth\/session$/;
  await page.route(session, (route) => route.abort('connectionrefused'));
  await page.goto('/customers');
  const unreachable = 'The server could not be reached.';
  await expect(shell.alert(unreachable)).toBeVisible();
  await page.unroute(session);
  await shell.retry(unreachable).click();
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  expect(consoleErrors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  consoleErrors.length = 0;
});

// While the app's main file is on its way, the page shows the top bar with the portal's name
// (in the saved language, else the browser's) instead of a blank page; the page replaces it.
for (const visit of [
  { url: '/signin', language: undefined, wasm: MAIN_WASM, name: 'Partner Center' },
  { url: '/signin', language: 'hu', wasm: MAIN_WASM, name: 'Partnerközpont' },
  { url: '/m365-admin/partners', language: undefined, wasm: /\/customer-portal-[0-9a-f]{16}_bg\.wasm$/, name: 'Microsoft 365 admin center', as: FABRIKAM_ADMIN },
]) {
  test(`${visit.url} shows "${visit.name}" while the app downloads, then the page in its place`, async ({ page, baseURL }) => {
    if (visit.as) await new SignInPage(page).open(visit.as);
    if (visit.language) {
      await page.context().addCookies([{ name: 'i18n_pref_locale', value: visit.language, url: baseURL! }]);
    }
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(visit.wasm, async (route) => { await held; await route.continue(); });
    await page.goto(visit.url);
    const standIn = page.locator('header.boot');
    await expect(standIn).toBeVisible();
    await expect(standIn).toHaveText(visit.name);
    // It says nothing the page will not: assistive technology meets the page's own banner only.
    await expect(page.getByRole('banner')).toHaveCount(0);

    release();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(standIn).toHaveCount(0);
    await expect(page.getByText(visit.name, { exact: true })).toHaveCount(1);
  });
}
