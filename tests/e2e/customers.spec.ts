import { test, expect, expectAccessible, ADMIN_AGENT } from './fixtures';
import type { Page } from '@playwright/test';

const TAILSPIN = 'adminagent@tailspin-federal.example';

async function openCustomers(page: Page, signIn: { signIn(email: string): Promise<void> }, email = ADMIN_AGENT) {
  await page.goto('/signin');
  await signIn.signIn(email);
  await expect(page.getByRole('heading', { level: 1, name: 'Customer list | Customers' })).toBeVisible();
}

test('search narrows the list, ignores case and accents, and survives reload', async ({ page, signIn, shell }) => {
  await openCustomers(page, signIn);
  const table = shell.customersTable();
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await search.fill('ARVIZ');
  await expect(table.getByRole('row', { name: /Árvíztűrő Tükörfúrógép Kft\./ })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByText('1–1 of 1 customers')).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=ARVIZ/);

  await page.reload();
  await expect(search).toHaveValue('ARVIZ');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expectAccessible(page);

  // Nothing matches: the page says so and offers a way back.
  await search.fill('zz-nothing');
  await expect(page.getByText('No customer\'s name or domain starts with “zz-nothing”.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(search).toHaveValue('');
  await expect(page.getByText(/^1–\d+ of \d+ customers$/)).toBeVisible();
});

test('a slow answer to an earlier keystroke never replaces the newer result', async ({ page, signIn, shell }) => {
  await openCustomers(page, signIn);
  const table = shell.customersTable();
  // The answer for "b" is held back until after "ba" has been answered.
  await page.route(
    (url) => url.pathname === '/api/v1/customers' && url.searchParams.get('filter') === 'b',
    async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => undefined);
    },
  );
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  const held = page.waitForRequest((r) => new URL(r.url()).searchParams.get('filter') === 'b');
  await search.fill('b');
  await held;
  await search.pressSequentially('a');
  await expect(table.getByRole('row', { name: /Balaton Vitorlás Zrt\./ })).toBeVisible();
  await page.waitForTimeout(2000);
  await expect(table.getByRole('row', { name: /Blue Yonder Airlines/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /Bäckerei Schönbrunn/ })).toBeVisible();
  await expect(search).toHaveValue('ba');
});

test('columns sort both ways, and the order is kept in the URL', async ({ page, signIn, shell }) => {
  await openCustomers(page, signIn);
  const table = shell.customersTable();
  const nameHeader = table.getByRole('columnheader', { name: 'Name', exact: true });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const sinceHeader = table.getByRole('columnheader', { name: 'Customer since' });
  await sinceHeader.getByRole('button').click();
  await expect(sinceHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await expect(page).toHaveURL(/sort=customerSince$/);
  const oldest = await table.getByRole('rowheader').first().textContent();

  await sinceHeader.getByRole('button').click();
  await expect(sinceHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=customerSince%3Adesc$/);
  await expect(table.getByRole('rowheader').first()).not.toHaveText(oldest!);
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Customer since' })).toHaveAttribute('aria-sort', 'descending');

  // Admin privileges: granted first, removed by the customer last.
  await table.getByRole('columnheader', { name: 'Admin privileges' }).getByRole('button').click();
  await expect(table.getByRole('row').nth(1)).toContainText('Granted');
  await expect(table.getByRole('row').last()).toContainText('Removed by the customer');
  await expectAccessible(page);
});

test('Previous and Next page through a long list; reload and Back keep the place', async ({ page, signIn, shell }) => {
  await openCustomers(page, signIn, TAILSPIN);
  const table = shell.customersTable();
  await expect(page.getByText(/^1–50 of 12\d customers$/)).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(51);
  await expect(page.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
  const firstOfPageOne = await table.getByRole('rowheader').first().textContent();

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText(/^51–100 of 12\d customers$/)).toBeVisible();
  const firstOfPageTwo = await table.getByRole('rowheader').first().textContent();
  expect(firstOfPageTwo).not.toEqual(firstOfPageOne);
  await page.reload();
  await expect(page.getByText(/^51–100 of 12\d customers$/)).toBeVisible();
  await expect(table.getByRole('rowheader').first()).toHaveText(firstOfPageTwo!);

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText(/^101–12\d of 12\d customers$/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByText(/^51–100 of 12\d customers$/)).toBeVisible();
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByText(/^1–50 of 12\d customers$/)).toBeVisible();
  await expect(table.getByRole('rowheader').first()).toHaveText(firstOfPageOne!);
  await page.goBack();
  await expect(page.getByText(/^51–100 of 12\d customers$/)).toBeVisible();
  await expectAccessible(page);
});

test('rows per page: a bigger page shows the whole list, is kept in the URL, and starts on the first page', async ({ page, signIn, shell }) => {
  await openCustomers(page, signIn, TAILSPIN);
  const table = shell.customersTable();
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText(/^51–100 of 12\d customers$/)).toBeVisible();
  const rowsPerPage = page.getByRole('combobox', { name: 'Rows per page' });
  await expect(rowsPerPage).toHaveValue('50');
  await rowsPerPage.selectOption('200');
  await expect(page).toHaveURL(/[?&]size=200(&|$)/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(page.getByText(/^1–12\d of 12\d customers$/)).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(await table.getByRole('rowheader').count() + 1);
  expect(await table.getByRole('rowheader').count()).toBeGreaterThan(120);
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Rows per page' })).toHaveValue('200');
  await expect(page.getByText(/^1–12\d of 12\d customers$/)).toBeVisible();
  await page.goBack();
  await expect(page.getByText(/^51–100 of 12\d customers$/)).toBeVisible();
  await expectAccessible(page);
});

test('a page link that no longer fits the list leads back to the first page', async ({ page, signIn, consoleErrors }) => {
  await openCustomers(page, signIn);
  await page.goto('/customers?page=edited-by-hand');
  await expect(page.getByRole('alert')).toContainText('This page of the list is out of date');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to the first page' }).click();
  await expect(page.getByText(/^1–\d+ of \d+ customers$/)).toBeVisible();
  // The browser logs the refused request (400) itself.
  expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  consoleErrors.length = 0;
});

test('a row expands and collapses by keyboard, showing account, services, users and licenses', async ({ page, signIn, shell }) => {
  await openCustomers(page, signIn);
  const details = page.getByRole('button', { name: 'Details for Árvíztűrő Tükörfúrógép Kft.' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.focus();
  await page.keyboard.press('Enter');
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const panel = page.locator(`#${await details.getAttribute('aria-controls')}`);
  for (const section of ['Account', 'Services', 'Users', 'Licenses']) {
    await expect(panel.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(panel).toContainText('Billing address');
  await expect(panel).toContainText(/\d+ users/);
  await expect(panel).toContainText(/\d+ of \d+ assigned/);
  await expect(panel.getByRole('link', { name: 'Manage account' })).toBeVisible();
  await expectAccessible(page);

  await page.keyboard.press(' ');
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toBeHidden();
  await expect(shell.customersTable()).toBeVisible();
});

test("a customer's pages open by deep link, with breadcrumbs, and survive reload", async ({ page, signIn }) => {
  await openCustomers(page, signIn);
  await page.getByRole('link', { name: 'Árvíztűrő Tükörfúrógép Kft.' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Árvíztűrő Tükörfúrógép Kft.' })).toBeVisible();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\/account$/);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs).toContainText('Customers');
  await expect(crumbs).toContainText('Account');
  await expect(page.getByText('arvizturotukorfurogepkft.onmicrosoft.com', { exact: true })).toBeVisible();
  await expectAccessible(page);

  const tabs = page.getByRole('navigation', { name: 'Customer pages' });
  await tabs.getByRole('link', { name: 'Subscriptions' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Subscriptions' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Subscriptions' }).getByRole('row').nth(1)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('table', { name: 'Subscriptions' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Subscriptions' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);

  await tabs.getByRole('link', { name: 'Users and licenses' }).click();
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row', { name: /Global admin/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Licenses' })).toBeVisible();
  await expectAccessible(page);

  await tabs.getByRole('link', { name: 'Admin relationships' }).click();
  await expect(page.getByText(/Granted|Not requested|Removed by the customer/).first()).toBeVisible();
  await tabs.getByRole('link', { name: 'Service requests' }).click();
  // The demo data has a service request for this customer.
  await expect(page.getByRole('table', { name: 'Service requests' }).getByRole('row')).not.toHaveCount(0);

  await crumbs.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customer list | Customers' })).toBeVisible();

  // Another partner's customer id, or none at all, is "not found", not someone else's data.
  await page.goto('/customers/00000000-0000-4000-8000-000000000000/account');
  await expect(page.getByRole('alert')).toContainText('not found', { ignoreCase: true });
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the list, its search and an expanded row speak Hungarian', async ({ page, signIn }) => {
    await page.goto('/signin');
    await page.getByLabel('E-mail-cím').fill(ADMIN_AGENT);
    await page.getByLabel('Jelszó').fill('Demo-Passw0rd!');
    await page.getByRole('button', { name: 'Bejelentkezés' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ügyféllista | Ügyfelek' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Ügyfelek keresése' }).fill('szeg');
    await expect(page.getByText('1 ügyfélből 1–1')).toBeVisible();
    await page.getByRole('button', { name: 'Szegedi Paprika Zrt. részletei' }).click();
    for (const section of ['Fiók', 'Szolgáltatások', 'Felhasználók', 'Licencek']) {
      await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
    }
    await expect(page.getByRole('columnheader', { name: 'Ügyfélkapcsolat kezdete' })).toBeVisible();
    await expectAccessible(page);
    void signIn;
  });
});
