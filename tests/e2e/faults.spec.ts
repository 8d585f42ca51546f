import type { Locator, Page, Route } from '@playwright/test';
import {
  test,
  expect,
  expectAccessible,
  FABRIKAM_ADMIN,
  GLOBAL_ADMIN,
  AuditLogPage,
  CustomerPage,
  CustomersPage,
  InvitationsPage,
  SignInPage,
} from './fixtures';

// What a person sees when the API fails under them: stopped, answering 500, answering after five
// seconds, or the browser offline. Every page says what failed with a retry within a second,
// never spins forever, and recovers once the API is back.

type Target = {
  name: string;
  url: (customerId: string) => string;
  /** The page's own data request (the session check is left alone). */
  api: RegExp;
  /** Something that is only there once the data arrived. */
  ready: (page: Page) => Locator;
};

const targets: Target[] = [
  {
    name: 'Customers',
    url: () => '/customers',
    api: /\/api\/v1\/customers\?/,
    ready: (page) => new CustomersPage(page).row(/Árvíztűrő Tükörfúrógép Kft\./),
  },
  {
    name: "a customer's account",
    url: (id) => `/customers/${id}/account`,
    api: /\/api\/v1\/customers\/[0-9a-f-]{36}$/,
    ready: (page) => new CustomerPage(page).heading('Árvíztűrő Tükörfúrógép Kft.'),
  },
  {
    name: "a customer's subscriptions",
    url: (id) => `/customers/${id}/subscriptions`,
    api: /\/api\/v1\/customers\/[0-9a-f-]{36}\/subscriptions$/,
    ready: (page) => {
      const customer = new CustomerPage(page);
      return customer.table('Subscriptions').or(customer.text('No subscriptions'));
    },
  },
  {
    name: 'Invitations',
    url: () => '/customers/invitations',
    api: /\/api\/v1\/customers\/relationshiprequests/,
    ready: (page) => new InvitationsPage(page).message(/No invitations yet|Created by/).first(),
  },
  {
    name: 'Audit log',
    url: () => '/audit',
    api: /\/api\/v1\/auditrecords(\?|$)/,
    ready: (page) => {
      const auditLog = new AuditLogPage(page);
      return auditLog.region().or(auditLog.message('No audit records match.'));
    },
  },
];

/** The browser itself logs failed loads; anything else in the console is a defect. */
function appErrors(errors: string[]) {
  return errors.filter((e) => !e.startsWith('Failed to load resource'));
}

async function signedIn(page: Page) {
  await new SignInPage(page).open(GLOBAL_ADMIN);
  await expect(new CustomersPage(page).heading()).toBeVisible();
  const found = await page.request.get('/api/v1/customers?filter=arvizturo');
  return (await found.json()).items[0].id as string;
}

const faults: { name: string; message: string; apply: (route: Route) => Promise<void> }[] = [
  {
    name: 'the API is stopped',
    message: 'The server could not be reached.',
    apply: (route) => route.abort('connectionrefused'),
  },
  {
    name: 'the API answers 500 (from a proxy, not JSON)',
    message: 'The server could not complete the request.',
    apply: (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>500 Internal Server Error</h1>' }),
  },
];

for (const target of targets) {
  for (const fault of faults) {
    test(`${target.name}: when ${fault.name}, says so with a retry, then recovers`, async ({ page, shell, consoleErrors }) => {
      const id = await signedIn(page);
      await page.route(target.api, fault.apply);
      const failed = page.waitForResponse(target.api).catch(() => null);
      const aborted = page.waitForEvent('requestfailed', (r) => target.api.test(r.url())).catch(() => null);
      await page.goto(target.url(id));
      await Promise.race([failed, aborted]);
      // Within a second of the failure: what failed, and a way to try again.
      // (Pages keep empty live regions for errors; the one that speaks is the one that counts.)
      const alert = shell.alert(fault.message);
      await expect(alert).toBeVisible({ timeout: 1_000 });
      await expect(shell.loading()).toHaveCount(0);
      await expectAccessible(page);

      await page.unroute(target.api);
      await shell.retry(fault.message).click();
      await expect(target.ready(page)).toBeVisible();
      await expect(shell.speakingAlerts()).toHaveCount(0);
      expect(appErrors(consoleErrors)).toEqual([]);
      consoleErrors.length = 0;
    });
  }

  test(`${target.name}: an answer after five seconds shows loading, then the page`, async ({ page, shell }) => {
    const id = await signedIn(page);
    await page.route(target.api, async (route) => {
      await new Promise((r) => setTimeout(r, 5_000));
      await route.continue();
    });
    await page.goto(target.url(id));
    await expect(shell.loading()).toBeVisible();
    await expect(shell.speakingAlerts()).toHaveCount(0);
    await expect(target.ready(page)).toBeVisible({ timeout: 8_000 });
    await expect(shell.loading()).toHaveCount(0);
  });
}

test('offline: moving to another page says the connection failed, and works once back online', async ({ page, context, shell, invitations, consoleErrors }) => {
  await signedIn(page);
  await context.setOffline(true);
  await shell.navLink('Invitations').click();
  const unreachable = 'The server could not be reached.';
  await expect(shell.alert(unreachable)).toBeVisible({ timeout: 1_000 });
  await expectAccessible(page);

  await context.setOffline(false);
  await shell.retry(unreachable).click();
  await expect(invitations.heading()).toBeVisible();
  await expect(shell.speakingAlerts()).toHaveCount(0);
  expect(appErrors(consoleErrors)).toEqual([]);
  consoleErrors.length = 0;
});

test('the whole API down at start-up: the app says so instead of a blank page, and recovers', async ({ page, shell, customers, consoleErrors }) => {
  await signedIn(page);
  await page.route(/\/api\//, (route) => route.abort('connectionrefused'));
  await page.reload();
  const unreachable = 'The server could not be reached.';
  await expect(shell.alert(unreachable)).toBeVisible();
  await page.unroute(/\/api\//);
  await shell.retry(unreachable).click();
  await expect(customers.heading()).toBeVisible();
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  expect(appErrors(consoleErrors)).toEqual([]);
  consoleErrors.length = 0;
});

test('a page whose part of the app fails to download says so with a retry, then shows the page', async ({ page, shell, customers, consoleErrors }) => {
  // The release build downloads each page's code the first time it is shown: Customers' chunk.
  const chunk = /\/split_customers-[0-9a-f]{16}\.wasm$/;
  await page.route(chunk, (route) => route.abort('failed'));
  await new SignInPage(page).open(GLOBAL_ADMIN);
  const failed = 'This page could not be downloaded';
  await expect(shell.alert(failed)).toBeVisible();
  await expect(shell.loading()).toHaveCount(0);
  await expectAccessible(page);

  await page.unroute(chunk);
  await shell.retry(failed).click();
  await expect(customers.heading()).toBeVisible();
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  await expect(shell.speakingAlerts()).toHaveCount(0);
  expect(appErrors(consoleErrors)).toEqual([]);
  consoleErrors.length = 0;
});

// The page chooses the entry by its path: the partner portal, or the customer's portal.
for (const entry of [
  { name: 'the partner portal', wasm: /\/partner-portal-[0-9a-f]{16}_bg\.wasm$/, url: '/customers', as: GLOBAL_ADMIN },
  { name: "the customer's portal", wasm: /\/customer-portal-[0-9a-f]{16}_bg\.wasm$/, url: '/m365-admin/partners', as: FABRIKAM_ADMIN },
]) {
  test(`${entry.name} failing to download says so with a retry, then starts`, async ({ page, shell, consoleErrors }) => {
    await new SignInPage(page).open(entry.as);
    await page.route(entry.wasm, (route) => route.abort('failed'));
    await page.goto(entry.url);
    const failed = 'This page could not be downloaded';
    await expect(shell.alert(failed)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeVisible();
    await expectAccessible(page);

    await page.unroute(entry.wasm);
    await shell.retry(failed).click();
    await expect(shell.alert(failed)).toHaveCount(0);
    await expect(shell.banner()).toBeVisible();
    expect(appErrors(consoleErrors)).toEqual([]);
    consoleErrors.length = 0;
  });
}

test('a page opened directly downloads its part of the app and survives reload', async ({ page, customers }) => {
  await signedIn(page);
  const chunks: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) chunks.push(new URL(r.url()).pathname); });
  await page.goto('/customers?q=arviz');
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  await page.reload();
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  expect(chunks.some((c) => /^\/split_customers-/.test(c))).toBe(true);
  expect(chunks.some((c) => /^\/split_accept-/.test(c))).toBe(false);
});
