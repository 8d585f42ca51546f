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
  const change = table.getByRole('row', { name: /Support partner changed/ }).first();
  await expect(change).toContainText(SALES_AGENT);
  await expect(change).toContainText(/Designated support partner \(.+\) set to .+\./);
  await expect(change).not.toContainText('null');
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit-log.csv');
  const text = await (await file.createReadStream()).toArray();
  const csv = Buffer.concat(text).toString('utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'time,kind,userEmail,customerId,customer,resourceId,allowDelegatedAccess,customerEmail,expiresAt,adminPrivileges,offerName,supportPartner,serviceRequestTitle,text',
  );
  expect(csv).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,supportPartner\.changed,/m);
  expect(csv).toContain('Designated support partner (');

  // The whole log, filtered by kind: the removal of the earlier test is there.
  await page.getByRole('link', { name: 'Show all customers' }).click();
  await page.getByLabel('Kind').selectOption({ label: 'Relationship removed' });
  await expect(table.getByRole('row', { name: /Relationship removed/ })).toContainText('Alpine Ski House Kft.');
  await expect(page).toHaveURL(/kind=relationship\.removed/);
});

test('the audit log reads as sentences in English and Hungarian, filtered by user and days', async ({ page, signIn }) => {
  // The invitation story: the round trip of acceptance.spec.ts (Fabrikam accepted), and here an
  // invitation created and revoked by the Global admin.
  await page.goto('/signin');
  await signIn.signIn(GLOBAL_ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: /Customers/ })).toBeVisible();
  const created = await page.evaluate(async () => {
    const r = await fetch('/api/v1/customers/relationshiprequests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ allowDelegatedAccess: true, customerEmail: 'story@fabrikam.example', language: 'en' }),
    });
    const invitation = await r.json();
    const revoked = await fetch(`/api/v1/customers/relationshiprequests/${invitation.id}/revoke`, { method: 'POST' });
    return { status: r.status, revoked: revoked.status, expiresAt: invitation.expiresAt as string };
  });
  expect([created.status, created.revoked]).toEqual([201, 200]);
  const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(created.expiresAt));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  const table = page.getByRole('table', { name: 'Audit records' });
  await expect(table.getByRole('row', { name: /story@fabrikam\.example/ })).toContainText(
    `Invitation created with admin privileges requested, for story@fabrikam.example, expires ${expires}.`,
  );
  await expect(table.getByRole('row', { name: /Invitation revoked/ }).first()).toContainText('Invitation revoked; its link no longer works.');
  await expect(table.getByRole('row', { name: /Invitation accepted/ }).first()).toContainText('Fabrikam Kft. accepted the invitation, with admin privileges.');
  await expect(table).not.toContainText('null');
  await expectAccessible(page);

  // Only what the Global admin did, today.
  await page.getByLabel('Changed by (email)').fill(GLOBAL_ADMIN);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/user=globaladmin%40contoso-partner\.example/);
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}.*to=${today}`));
  await expect(table.getByRole('row', { name: /story@fabrikam\.example/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /Invitation accepted/ })).toHaveCount(0);
  // A range that ends before it starts is named, and the list stays.
  await page.getByLabel('To', { exact: true }).fill('2020-01-01');
  await expect(page.getByRole('alert').filter({ hasText: 'The last day comes before the first.' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`to=${today}`));
  await expectAccessible(page);

  // The same entries in Hungarian, and the export in the language on screen.
  await page.getByRole('button', { name: 'Magyar', exact: true }).click();
  const huExpires = new Intl.DateTimeFormat('hu-HU', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(created.expiresAt));
  const tabla = page.getByRole('table', { name: 'Naplóbejegyzések' });
  await expect(tabla.getByRole('row', { name: /story@fabrikam\.example/ })).toContainText(
    `Meghívás létrehozva rendszergazdai jogosultságok kérésével, címzett: story@fabrikam.example, érvényes eddig: ${huExpires}`,
  );
  await expect(tabla.getByRole('row', { name: /Meghívás visszavonva/ }).first()).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exportálás CSV-be' }).click();
  const csv = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
  expect(csv).toContain('story@fabrikam.example');
  expect(csv).toContain('Meghívás létrehozva rendszergazdai jogosultságok kérésével');
  expect(csv).not.toContain('Invitation created with');
  await page.getByRole('button', { name: 'English', exact: true }).click();
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
