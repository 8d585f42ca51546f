import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, ADMIN_AGENT, TAILSPIN, type CustomersPage, type SignInPage } from './fixtures';

async function openCustomers(signIn: SignInPage, customers: CustomersPage, email = ADMIN_AGENT) {
  await signIn.open(email);
  await expect(customers.heading()).toBeVisible();
}

/** Every row of the first page shows its customer's dates as the browser writes them in the
 * reader's language: "Customer since", and the end of the granular roles at a glance. */
async function expectRowDates(page: Page, customers: CustomersPage, tag: 'en-GB' | 'hu-HU') {
  await expect(customers.rowHeaders().first()).toBeVisible();
  const expected: { name: string; since: string; ends: string | null }[] = await page.evaluate(async (tag) => {
    const page = await (await fetch('/api/v1/customers?size=50', { credentials: 'include' })).json();
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    return page.items.map((c: { companyProfile: { companyName: string }; customerSince: string; granularAdmin?: { ends: string } }) => ({
      name: c.companyProfile.companyName,
      since: date.format(new Date(c.customerSince)),
      ends: c.granularAdmin ? date.format(new Date(c.granularAdmin.ends)) : null,
    }));
  }, tag);
  expect(expected.length).toBeGreaterThan(10);
  expect(expected.some((c) => c.ends)).toBe(true);
  for (const c of expected) {
    const row = customers.table().getByRole('row').filter({ has: page.getByRole('link', { name: c.name, exact: true }) });
    await expect(row.getByRole('cell').last()).toHaveText(c.since);
    if (c.ends) await expect(row.getByRole('link', { name: new RegExp(`${c.ends.replace(/[.]/g, '\\.')}$`) })).toBeVisible();
  }
}

test('search narrows the list, ignores case and accents, and survives reload', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers);
  const search = customers.search();
  await search.fill('ARVIZ');
  await expect(customers.row(/Árvíztűrő Tükörfúrógép Kft\./)).toBeVisible();
  await expect(customers.rows()).toHaveCount(2);
  await expect(customers.range('1–1 of 1 customers')).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=ARVIZ/);

  await page.reload();
  await expect(search).toHaveValue('ARVIZ');
  await expect(customers.rows()).toHaveCount(2);
  await expectAccessible(page);

  // Nothing matches: the page says so and offers a way back.
  await search.fill('zz-nothing');
  await expect(customers.noMatch('zz-nothing')).toBeVisible();
  await expectAccessible(page);
  await customers.clearSearch().click();
  await expect(search).toHaveValue('');
  await expect(customers.range(/^1–\d+ of \d+ customers$/)).toBeVisible();
});

test('a slow answer to an earlier keystroke never replaces the newer result', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers);
  // The answer for "b" is held back until after "ba" has been answered.
  await page.route(
    (url) => url.pathname === '/api/v1/customers' && url.searchParams.get('filter') === 'b',
    async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => undefined);
    },
  );
  const search = customers.search();
  const held = page.waitForRequest((r) => new URL(r.url()).searchParams.get('filter') === 'b');
  await search.fill('b');
  await held;
  await search.pressSequentially('a');
  await expect(customers.row(/Balaton Vitorlás Zrt\./)).toBeVisible();
  await page.waitForTimeout(2000);
  await expect(customers.row(/Blue Yonder Airlines/)).toHaveCount(0);
  await expect(customers.row(/Bäckerei Schönbrunn/)).toBeVisible();
  await expect(search).toHaveValue('ba');
});

test('columns sort both ways, and the order is kept in the URL', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers);
  const nameHeader = customers.column('Name', true);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const sinceHeader = customers.column('Customer since');
  await customers.sortBy('Customer since');
  await expect(sinceHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await expect(page).toHaveURL(/sort=customerSince$/);
  const oldest = await customers.rowHeaders().first().textContent();

  await customers.sortBy('Customer since');
  await expect(sinceHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=customerSince%3Adesc$/);
  await expect(customers.rowHeaders().first()).not.toHaveText(oldest!);
  await page.reload();
  await expect(customers.column('Customer since')).toHaveAttribute('aria-sort', 'descending');

  // Admin privileges: granted first, removed by the customer last.
  await customers.sortBy('Admin privileges');
  await expect(customers.rows().nth(1)).toContainText('Granted');
  await expect(customers.rows().last()).toContainText('Removed by the customer');
  await expectAccessible(page);
});

test('a keyboard user who sorts stays on the sort button; rows open in the old order close', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers);
  const nameHeader = customers.column('Name', true);
  const first = await customers.rowHeaders().first().textContent();
  const details = customers.details('Árvíztűrő Tükörfúrógép Kft.');
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const panel = await customers.panel(details);
  await expect(panel).toBeVisible();

  const sortByName = customers.sortButton('Name');
  await sortByName.focus();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(customers.rowHeaders().first()).not.toHaveText(first!);
  await expect(sortByName).toBeFocused();
  // The open row closed with the old order; in the new one it opens again.
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(panel).toHaveCount(0);
  await details.click();
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  await expect((await customers.panel(details)).getByRole('heading', { level: 2, name: 'Account' })).toBeVisible();

  await sortByName.focus();
  await page.keyboard.press('Enter');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(customers.rowHeaders().first()).toHaveText(first!);
  await expect(sortByName).toBeFocused();
  await expectAccessible(page);
});

test('a keyboard user paging on stays on the Next link', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers, TAILSPIN);
  await customers.nextPage().focus();
  await page.keyboard.press('Enter');
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  await expect(customers.nextPage()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(customers.range(/^101–12\d of 12\d customers$/)).toBeVisible();
  // No page beyond: the link is gone, Previous is there.
  await expect(customers.nextPage()).toHaveCount(0);
  await expect(customers.previousPage()).toBeVisible();
});

test('Previous and Next page through a long list; reload and Back keep the place', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers, TAILSPIN);
  await expect(customers.range(/^1–50 of 12\d customers$/)).toBeVisible();
  await expect(customers.rows()).toHaveCount(51);
  await expect(customers.previousPage()).toHaveCount(0);
  const firstOfPageOne = await customers.rowHeaders().first().textContent();

  await customers.nextPage().click();
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  const firstOfPageTwo = await customers.rowHeaders().first().textContent();
  expect(firstOfPageTwo).not.toEqual(firstOfPageOne);
  await page.reload();
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  await expect(customers.rowHeaders().first()).toHaveText(firstOfPageTwo!);

  await customers.nextPage().click();
  await expect(customers.range(/^101–12\d of 12\d customers$/)).toBeVisible();
  await expect(customers.nextPage()).toHaveCount(0);
  await customers.previousPage().click();
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  await customers.previousPage().click();
  await expect(customers.range(/^1–50 of 12\d customers$/)).toBeVisible();
  await expect(customers.rowHeaders().first()).toHaveText(firstOfPageOne!);
  await page.goBack();
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  await expectAccessible(page);
});

test('rows per page: a bigger page shows the whole list, is kept in the URL, and starts on the first page', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers, TAILSPIN);
  await customers.nextPage().click();
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  const rowsPerPage = customers.rowsPerPage();
  await expect(rowsPerPage).toHaveValue('50');
  await rowsPerPage.selectOption('200');
  await expect(page).toHaveURL(/[?&]size=200(&|$)/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(customers.range(/^1–12\d of 12\d customers$/)).toBeVisible();
  await expect(customers.rows()).toHaveCount(await customers.rowHeaders().count() + 1);
  expect(await customers.rowHeaders().count()).toBeGreaterThan(120);
  await expect(customers.nextPage()).toHaveCount(0);
  await page.reload();
  await expect(customers.rowsPerPage()).toHaveValue('200');
  await expect(customers.range(/^1–12\d of 12\d customers$/)).toBeVisible();
  await page.goBack();
  await expect(customers.range(/^51–100 of 12\d customers$/)).toBeVisible();
  await expectAccessible(page);
});

test('a page link that no longer fits the list leads back to the first page', async ({ page, signIn, customers, consoleErrors }) => {
  await openCustomers(signIn, customers);
  await customers.goto('?page=edited-by-hand');
  await expect(customers.outOfDate()).toContainText('This page of the list is out of date');
  await expectAccessible(page);
  await customers.firstPageLink().click();
  await expect(customers.range(/^1–\d+ of \d+ customers$/)).toBeVisible();
  // The browser logs the refused request (400) itself.
  expect(consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  consoleErrors.length = 0;
});

test('a row expands and collapses by keyboard, showing account, services, users and licenses', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers);
  const details = customers.details('Árvíztűrő Tükörfúrógép Kft.');
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.focus();
  await page.keyboard.press('Enter');
  await expect(details).toHaveAttribute('aria-expanded', 'true');
  const panel = await customers.panel(details);
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
  await expect(customers.table()).toBeVisible();
});

test("a customer's pages open by deep link, with breadcrumbs, and survive reload", async ({ page, signIn, customers, customer }) => {
  await openCustomers(signIn, customers);
  await customers.customerLink('Árvíztűrő Tükörfúrógép Kft.').click();
  await expect(customer.heading('Árvíztűrő Tükörfúrógép Kft.')).toBeVisible();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\/account$/);
  const crumbs = customer.breadcrumbs();
  await expect(crumbs).toContainText('Customers');
  await expect(crumbs).toContainText('Account');
  await expect(customer.text('arvizturotukorfurogepkft.onmicrosoft.com', true)).toBeVisible();
  await expectAccessible(page);

  await customer.openTab('Subscriptions');
  await expect(customer.section('Subscriptions')).toBeVisible();
  await expect(customer.table('Subscriptions').getByRole('row').nth(1)).toBeVisible();
  await page.reload();
  await expect(customer.table('Subscriptions')).toBeVisible();
  await expect(customer.tab('Subscriptions')).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page);

  await customer.openTab('Users and licenses');
  await expect(customer.table('Users').getByRole('row', { name: /Global admin/ })).toBeVisible();
  await expect(customer.table('Licenses')).toBeVisible();
  await expectAccessible(page);

  await customer.openTab('Admin relationships');
  await expect(customer.text(/Granted|Not requested|Removed by the customer/).first()).toBeVisible();
  await customer.openTab('Service requests');
  // The demo data has a service request for this customer.
  await expect(customer.table('Service requests').getByRole('row')).not.toHaveCount(0);

  await crumbs.getByRole('link', { name: 'Customers' }).click();
  await expect(customers.heading()).toBeVisible();

  // Another partner's customer id, or none at all, is "not found", not someone else's data.
  await customer.goto('00000000-0000-4000-8000-000000000000');
  await expect(customer.alert()).toContainText('not found', { ignoreCase: true });
});

test('each row shows its dates in English', async ({ page, signIn, customers }) => {
  await openCustomers(signIn, customers);
  await expectRowDates(page, customers, 'en-GB');
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('each row shows its dates in Hungarian', async ({ page, signIn, customers }) => {
    await openCustomers(signIn, customers);
    await expectRowDates(page, customers, 'hu-HU');
  });

  test('the list, its search and an expanded row speak Hungarian', async ({ page, signIn, customers, customer }) => {
    await signIn.open(ADMIN_AGENT);
    await expect(customers.heading()).toBeVisible();
    await customers.search().fill('szeg');
    await expect(customers.range('1 ügyfélből 1–1')).toBeVisible();
    await customers.details('Szegedi Paprika Zrt.').click();
    for (const section of ['Fiók', 'Szolgáltatások', 'Felhasználók', 'Licencek']) {
      await expect(customer.section(section)).toBeVisible();
    }
    await expect(customers.column('Ügyfélkapcsolat kezdete')).toBeVisible();
    await expectAccessible(page);
  });
});
