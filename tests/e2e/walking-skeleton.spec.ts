import { test, expect, expectAccessible, ADMIN_AGENT, CustomersPage, Shell } from './fixtures';

test('a signed-out visitor signs in and comes back to the customers', async ({ page, signIn, shell, customers, consoleErrors }) => {
  await customers.goto();
  await expect(signIn.heading()).toBeVisible();
  await expect(page).toHaveURL(/\/signin\?next=%2Fcustomers$/);
  await expectAccessible(page);

  await signIn.signIn(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page).toHaveTitle('Customers | Partner Center');

  const banner = shell.banner();
  await expect(banner).toContainText('Partner Center');
  await expect(banner).toContainText('Contoso Partner Kft.');
  await expect(banner).toContainText('Péter Kovács');
  await expect(banner).toContainText('Admin agent');
  await expect(shell.navLink('Customers')).toHaveAttribute('aria-current', 'page');

  for (const column of ['Name', 'Microsoft ID', 'Primary domain name', 'Relationship']) {
    await expect(customers.column(column, true)).toBeVisible();
  }
  const row = customers.row(/Árvíztűrő Tükörfúrógép Kft\./);
  await expect(row).toContainText('arvizturotukorfurogepkft.onmicrosoft.com');
  await expect(row).toContainText('Reseller');
  await expect(row.getByRole('cell').first()).toHaveText(/^[0-9a-f-]{36}$/);
  // The 36 demo customers (and any that accepted an invitation in an earlier test).
  const count = customers.range(/^1–\d+ of \d+ customers$/);
  await expect(count).toBeVisible();
  const shown = Number((await count.textContent())!.split(/[– ]/)[1]);
  expect(shown).toBeGreaterThanOrEqual(36);
  await expect(customers.rows()).toHaveCount(shown + 1);
  await expectAccessible(page);
  expect(consoleErrors).toEqual([]);
});

test('a wrong password gets one clear message and no session', async ({ page, signIn, customers }) => {
  await signIn.open(ADMIN_AGENT, 'not-the-password');
  await expect(signIn.alert()).toHaveText('The email address or password is incorrect.');
  await expect(signIn.heading()).toBeVisible();
  await expectAccessible(page);
  await customers.goto();
  await expect(page).toHaveURL(/\/signin/);
});

test('empty fields are named before anything is sent', async ({ page, signIn }) => {
  await signIn.goto();
  await signIn.submit().click();
  await expect(signIn.email()).toHaveAttribute('aria-invalid', 'true');
  await expect(signIn.fieldError('Enter your email address.')).toBeVisible();
  await expect(signIn.fieldError('Enter your password.')).toBeVisible();
  await expectAccessible(page);
  await expect(signIn.heading()).toBeVisible();
});

test('signing in works by keyboard alone', async ({ page, signIn, customers }) => {
  await signIn.goto();
  await signIn.email().focus();
  await page.keyboard.type(ADMIN_AGENT);
  await page.keyboard.press('Tab');
  await expect(signIn.password()).toBeFocused();
  await page.keyboard.type('Demo-Passw0rd!');
  await page.keyboard.press('Enter');
  await expect(customers.heading()).toBeVisible();
});

test('switching to Magyar and back is kept across reloads', async ({ page, signIn, shell, customers }) => {
  await signIn.open(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();

  await shell.language('Magyar').click();
  const ugyfelek = new CustomersPage(page, 'hu');
  const keret = new Shell(page, 'hu');
  await expect(ugyfelek.heading()).toBeVisible();
  await expect(shell.language('Magyar')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
  await expect(shell.banner()).toContainText('Rendszergazdai ügynök');
  await expect(ugyfelek.column('Elsődleges tartománynév')).toBeVisible();
  await expect(page).toHaveTitle('Ügyfelek | Partnerközpont');
  await expectAccessible(page);

  await page.reload();
  await expect(ugyfelek.heading()).toBeVisible();
  await expect(keret.navLink('Ügyfelek')).toBeVisible();

  await shell.language('English').click();
  await expect(customers.heading()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(customers.heading()).toBeVisible();
});

test.describe('a Hungarian browser', () => {
  test.use({ locale: 'hu-HU' });

  test('gets Magyar from the start', async ({ page, signIn }) => {
    await signIn.goto();
    await expect(signIn.heading()).toBeVisible();
    await expect(signIn.email()).toBeVisible();
    await expectAccessible(page);
  });
});

test('signing out ends the session', async ({ page, signIn, shell, customers }) => {
  await signIn.open(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();
  await shell.signOut().click();
  await expect(signIn.heading()).toBeVisible();
  await customers.goto();
  await expect(signIn.heading()).toBeVisible();
  const session = await page.request.get('/api/v1/auth/session');
  expect(await session.json()).toEqual({ me: null });
});

test('an unknown address has its own page', async ({ page, notFound }) => {
  await page.goto('/no/such/page');
  await expect(notFound.heading()).toBeVisible();
  await expect(notFound.backToCustomers()).toBeVisible();
  await expectAccessible(page);
});

test('a failed customer list shows what failed, the correlation id and a retry that works', async ({ page, signIn, customers, consoleErrors }) => {
  await signIn.open(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();

  await page.route('**/api/v1/customers*', (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'internal', message: 'x', correlationId: 'c0ffee42' }),
    }),
  );
  await page.reload();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The server could not complete the request.');
  await expect(alert).toContainText('Correlation ID: c0ffee42');
  await expectAccessible(page);

  await page.unroute('**/api/v1/customers*');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  // The browser logs the injected 500 itself; nothing else may be logged.
  expect(consoleErrors.filter((e) => !e.includes('500'))).toEqual([]);
  consoleErrors.length = 0;
});

test('a partner without customers is told so', async ({ page, signIn, customers }) => {
  await page.route('**/api/v1/customers*', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ totalCount: 0, items: [] }) }),
  );
  await signIn.open(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();
  await expect(customers.message('You have no customers yet.', false)).toBeVisible();
});
