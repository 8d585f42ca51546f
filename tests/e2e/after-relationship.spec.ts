import { test, expect, expectAccessible } from './fixtures';
import type { Page } from '@playwright/test';

const GLOBAL_ADMIN = 'globaladmin@contoso-partner.example';
const SALES_AGENT = 'salesagent@contoso-partner.example';
const HELPDESK = 'helpdesk@contoso-partner.example';

async function openCustomer(page: Page, signIn: { signIn(email: string): Promise<void> }, email: string, name: string) {
  await page.goto('/signin');
  await signIn.signIn(email);
  await expect(page.getByRole('heading', { level: 1, name: /Customers/ })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a Global admin suspends the last active subscription, then removes the relationship', async ({ page, signIn }) => {
  await openCustomer(page, signIn, GLOBAL_ADMIN, 'Alpine Ski House Kft.');
  const remove = page.getByRole('button', { name: 'Remove reseller relationship' });
  await expect(remove).toBeDisabled();
  await expect(page.getByText('The customer has active subscriptions.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Go to the subscriptions' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Subscriptions' })).toBeVisible();
  const suspend = page.getByRole('button', { name: /^Suspend / });
  await expect(suspend).toHaveCount(1);
  await suspend.click();
  await expect(page.getByRole('status').getByText(/is suspended\.$/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Reactivate / })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Account' }).click();
  await expect(remove).toBeEnabled();
  await remove.click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Remove the reseller relationship with Alpine Ski House Kft.?');
  await expect(dialog).toContainText('The history stays in the audit log.');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Remove relationship' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Customers/ })).toBeVisible();
  await expect(page.getByText('The reseller relationship with Alpine Ski House Kft. was removed.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('alpine');
  await expect(page.getByText('No customer\'s name or domain starts with “alpine”.')).toBeVisible();
});

test('a sales agent chooses the designated support partner, and it stays after reload', async ({ page, signIn }) => {
  await openCustomer(page, signIn, SALES_AGENT, 'Balaton Vitorlás Zrt.');
  await page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Subscriptions' }).click();
  // Sales agents choose support partners but do not suspend.
  await expect(page.getByRole('button', { name: /^Suspend / })).toHaveCount(0);
  const select = page.getByLabel(/^Designated support partner for /).first();
  await expect(select).toHaveValue('');
  await select.selectOption({ label: 'Pannon IT Partner Zrt.' });
  await page.getByRole('button', { name: /^Submit / }).first().click();
  await expect(page.getByRole('status')).toContainText('is now Pannon IT Partner Zrt.');
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByLabel(/^Designated support partner for /).first().locator('option:checked')).toHaveText('Pannon IT Partner Zrt.');
});

test('a helpdesk agent opens a service request after fixing what the form points out', async ({ page, signIn }) => {
  await openCustomer(page, signIn, HELPDESK, 'Coho Winery Kft.');
  await page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Service requests' }).click();
  await page.getByRole('button', { name: 'Open service request' }).click();
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This field is required.').first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Title').fill('Outlook asks for the password again and again');
  await page.getByLabel('Description').fill('Since this morning, every user in the sales team.');
  await page.getByLabel('Severity').selectOption({ label: 'Critical' });
  await page.getByLabel('Contact name').fill('Zsófia Kiss');
  await page.getByLabel('Contact email').fill('zsofia.kiss@cohowinerykft.onmicrosoft.com');
  await page.getByRole('button', { name: 'Open service request' }).click();
  await expect(page.getByRole('status')).toContainText('Service request “Outlook asks for the password again and again” was opened.');
  const row = page.getByRole('table', { name: 'Service requests' }).getByRole('row', { name: /Outlook asks for the password/ });
  await expect(row).toContainText('Critical');
  await expect(row).toContainText('Open');
  await expect(row).toContainText(HELPDESK);
  await expectAccessible(page);
});

test("the audit log tells a customer's story and exports it as CSV", async ({ page, signIn }) => {
  await openCustomer(page, signIn, GLOBAL_ADMIN, 'Balaton Vitorlás Zrt.');
  await page.getByRole('link', { name: 'Audit log for this customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Audit records' });
  await expect(table.getByRole('row', { name: /Support partner changed/ })).toContainText(SALES_AGENT);
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit-log.csv');
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe('date,user,kind,customer id,customer,resource id,details');
  expect(csv).toContain('supportPartner.changed');

  // The whole log, filtered by kind: the removal of the earlier test is there.
  await page.getByRole('link', { name: 'Show all customers' }).click();
  await page.getByLabel('Kind').selectOption({ label: 'Relationship removed' });
  await expect(table.getByRole('row', { name: /Relationship removed/ })).toContainText('Alpine Ski House Kft.');
  await expect(page).toHaveURL(/kind=relationship\.removed/);
});

test('the audit log is only for Global admins', async ({ page, signIn }) => {
  await page.goto('/signin');
  await signIn.signIn(SALES_AGENT);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Invitations' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/audit');
  await expect(page.getByText('Only Global admins can see the audit log.')).toBeVisible();
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the service request form and the subscriptions speak Hungarian', async ({ page }) => {
    await page.goto('/signin');
    await page.getByLabel('E-mail-cím').fill(HELPDESK);
    await page.getByLabel('Jelszó').fill('Demo-Passw0rd!');
    await page.getByRole('button', { name: 'Bejelentkezés' }).click();
    await page.getByRole('searchbox', { name: 'Ügyfelek keresése' }).fill('egri');
    await page.getByRole('link', { name: 'Egri Borház Kft.', exact: true }).click();
    const tabs = page.getByRole('navigation', { name: 'Ügyféloldalak' });
    await tabs.getByRole('link', { name: 'Előfizetések' }).click();
    await expect(page.getByRole('columnheader', { name: 'Kijelölt támogatási partner' })).toBeVisible();
    await tabs.getByRole('link', { name: 'Szolgáltatáskérések' }).click();
    await expect(page.getByRole('heading', { level: 3, name: 'Új szolgáltatáskérés' })).toBeVisible();
    await page.getByRole('button', { name: 'Szolgáltatáskérés megnyitása' }).click();
    await expect(page.getByText('Ezt a mezőt ki kell tölteni.').first()).toBeVisible();
    await expectAccessible(page);
  });
});
