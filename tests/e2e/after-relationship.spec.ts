import {
  test,
  expect,
  expectAccessible,
  GLOBAL_ADMIN,
  HELPDESK,
  SALES_AGENT,
  AuditLogPage,
  type CustomerPage,
  type CustomersPage,
  type SignInPage,
  inviteAndRevoke,
} from './fixtures';

/** Signs in as `email` and opens the customer called `name` from the Customers page. */
async function openCustomer(signIn: SignInPage, customers: CustomersPage, customer: CustomerPage, email: string, name: string) {
  await signIn.open(email);
  await expect(customers.heading(/Customers/)).toBeVisible();
  await customers.openCustomer(name, name);
  await expect(customer.heading(name)).toBeVisible();
}

test('a Global admin suspends the last active subscription, then removes the relationship', async ({ page, signIn, customers, customer }) => {
  await openCustomer(signIn, customers, customer, GLOBAL_ADMIN, 'Alpine Ski House Kft.');
  const remove = customer.removeRelationship();
  await expect(remove).toBeDisabled();
  await expect(customer.text('The customer has active subscriptions.')).toBeVisible();
  await expectAccessible(page);

  await customer.goToSubscriptions().click();
  await expect(customer.section('Subscriptions')).toBeVisible();
  const suspend = customer.suspend();
  await expect(suspend).toHaveCount(1);
  await suspend.click();
  await expect(page.getByRole('status').getByText(/is suspended\.$/)).toBeVisible();
  await expect(customer.reactivate()).toBeVisible();
  await expectAccessible(page);

  await customer.openTab('Account');
  await expect(remove).toBeEnabled();
  await remove.click();
  const dialog = customer.confirmation();
  await expect(dialog).toContainText('Remove the reseller relationship with Alpine Ski House Kft.?');
  await expect(dialog).toContainText('The history stays in the audit log.');
  await expectAccessible(page);
  await customer.confirmRemoval().click();
  await expect(customers.heading(/Customers/)).toBeVisible();
  await expect(customers.message('The reseller relationship with Alpine Ski House Kft. was removed.')).toBeVisible();
  await customers.search().fill('alpine');
  await expect(customers.noMatch('alpine')).toBeVisible();
});

test('a sales agent chooses the designated support partner, and it stays after reload', async ({ page, signIn, customers, customer }) => {
  await openCustomer(signIn, customers, customer, SALES_AGENT, 'Balaton Vitorlás Zrt.');
  await customer.openTab('Subscriptions');
  // Sales agents choose support partners but do not suspend.
  await expect(customer.suspend()).toHaveCount(0);
  const select = customer.supportPartner();
  await expect(select).toHaveValue('');
  await select.selectOption({ label: 'Pannon IT Partner Zrt.' });
  await customer.submitSupportPartner().click();
  await expect(page.getByRole('status')).toContainText('is now Pannon IT Partner Zrt.');
  await expectAccessible(page);
  await page.reload();
  await expect(customer.supportPartner().locator('option:checked')).toHaveText('Pannon IT Partner Zrt.');
});

test('a helpdesk agent opens a service request after fixing what the form points out', async ({ page, signIn, customers, customer }) => {
  await openCustomer(signIn, customers, customer, HELPDESK, 'Coho Winery Kft.');
  await customer.openTab('Service requests');
  await customer.openServiceRequest().click();
  await expect(customer.field('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(customer.required()).toBeVisible();
  await expectAccessible(page);

  await customer.field('Title').fill('Outlook asks for the password again and again');
  await customer.field('Description').fill('Since this morning, every user in the sales team.');
  await customer.field('Severity').selectOption({ label: 'Critical' });
  await customer.field('Contact name').fill('Zsófia Kiss');
  await customer.field('Contact email').fill('zsofia.kiss@cohowinerykft.onmicrosoft.com');
  await customer.openServiceRequest().click();
  await expect(page.getByRole('status')).toContainText('Service request “Outlook asks for the password again and again” was opened.');
  const row = customer.table('Service requests').getByRole('row', { name: /Outlook asks for the password/ });
  await expect(row).toContainText('Critical');
  await expect(row).toContainText('Open');
  await expect(row).toContainText(HELPDESK);
  await expectAccessible(page);
});

test("the audit log tells a customer's story and exports it as CSV", async ({ page, signIn, customers, customer, auditLog }) => {
  await openCustomer(signIn, customers, customer, GLOBAL_ADMIN, 'Balaton Vitorlás Zrt.');
  await customer.auditLog().click();
  await expect(auditLog.heading()).toBeVisible();
  const change = auditLog.row(/Support partner changed/).first();
  await expect(change).toContainText(SALES_AGENT);
  await expect(change).toContainText(/Designated support partner \(.+\) set to .+\./);
  await expect(change).not.toContainText('null');
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await auditLog.exportCsv().click();
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
  await auditLog.showAllCustomers().click();
  await auditLog.kind().selectOption({ label: 'Relationship removed' });
  await expect(auditLog.row(/Relationship removed/)).toContainText('Alpine Ski House Kft.');
  await expect(page).toHaveURL(/kind=relationship\.removed/);
});

test('the audit log reads as sentences in English and Hungarian, filtered by user and days', async ({ page, signIn, shell, customers, auditLog }) => {
  // The invitation story: the round trip of acceptance.spec.ts (Fabrikam accepted), and here an
  // invitation created and revoked by the Global admin.
  await signIn.open(GLOBAL_ADMIN);
  await expect(customers.heading(/Customers/)).toBeVisible();
  const created = await inviteAndRevoke(page, 'story@fabrikam.example');
  expect([created.status, created.revoked]).toEqual([201, 200]);
  const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(created.expiresAt));
  await shell.navLink('Audit log').click();
  await expect(auditLog.row(/story@fabrikam\.example/)).toContainText(
    `Invitation created with admin privileges requested, for story@fabrikam.example, expires ${expires}.`,
  );
  await expect(auditLog.row(/Invitation revoked/).first()).toContainText('Invitation revoked; its link no longer works.');
  await expect(auditLog.row(/Invitation accepted/).first()).toContainText('Fabrikam Kft. accepted the invitation, with admin privileges.');
  await expect(auditLog.table()).not.toContainText('null');
  await expectAccessible(page);

  // Only what the Global admin did, today.
  await auditLog.changedBy().fill(GLOBAL_ADMIN);
  await auditLog.apply().click();
  await expect(page).toHaveURL(/user=globaladmin%40contoso-partner\.example/);
  const today = new Date().toISOString().slice(0, 10);
  await auditLog.from().fill(today);
  await auditLog.to().fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}.*to=${today}`));
  await expect(auditLog.row(/story@fabrikam\.example/)).toBeVisible();
  await expect(auditLog.row(/Invitation accepted/)).toHaveCount(0);
  // A range that ends before it starts is named, and the list stays.
  await auditLog.to().fill('2020-01-01');
  await expect(auditLog.alert('The last day comes before the first.')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`to=${today}`));
  await expectAccessible(page);

  // The same entries in Hungarian, and the export in the language on screen.
  await shell.language('Magyar').click();
  const naplo = new AuditLogPage(page, 'hu');
  const huExpires = new Intl.DateTimeFormat('hu-HU', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(created.expiresAt));
  await expect(naplo.row(/story@fabrikam\.example/)).toContainText(
    `Meghívás létrehozva rendszergazdai jogosultságok kérésével, címzett: story@fabrikam.example, érvényes eddig: ${huExpires}`,
  );
  await expect(naplo.row(/Meghívás visszavonva/).first()).toBeVisible();
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await naplo.exportCsv().click();
  const csv = Buffer.concat(await (await (await download).createReadStream()).toArray()).toString('utf8');
  expect(csv).toContain('story@fabrikam.example');
  expect(csv).toContain('Meghívás létrehozva rendszergazdai jogosultságok kérésével');
  expect(csv).not.toContain('Invitation created with');
  await shell.language('English').click();
});

test('the audit log is only for Global admins', async ({ signIn, shell, auditLog }) => {
  await signIn.open(SALES_AGENT);
  await expect(shell.navLink('Invitations')).toBeVisible();
  await expect(shell.navLink('Audit log')).toHaveCount(0);
  await auditLog.goto();
  await expect(auditLog.message('Only Global admins can see the audit log.')).toBeVisible();
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the service request form and the subscriptions speak Hungarian', async ({ page, signIn, customers, customer }) => {
    await signIn.open(HELPDESK);
    await customers.openCustomer('egri', 'Egri Borház Kft.');
    await customer.openTab('Előfizetések');
    await expect(page.getByRole('columnheader', { name: 'Kijelölt támogatási partner' })).toBeVisible();
    await customer.openTab('Szolgáltatáskérések');
    await expect(customer.newServiceRequest()).toBeVisible();
    await customer.openServiceRequest().click();
    await expect(customer.required()).toBeVisible();
    await expectAccessible(page);
  });
});
