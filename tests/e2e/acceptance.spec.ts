import type { Browser, Page } from '@playwright/test';
import { test, expect, expectAccessible, InvitationFlow, SignInPage, ADMIN_AGENT } from './fixtures';

/** A partner's admin agent creates an invitation in its own browser; returns the link. */
async function createInvitation(browser: Browser, partner = ADMIN_AGENT): Promise<string> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/signin');
  await new SignInPage(page).signIn(partner);
  const flow = new InvitationFlow(page);
  await flow.start();
  const link = await flow.link();
  await context.close();
  return link;
}

/** Opens `link` in `page` and signs in as `email` on the way. */
async function openAs(page: Page, link: string, email: string) {
  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await new SignInPage(page).signIn(email);
}

// Tests share one server and database and run in order: Fabrikam's non-admin looks first,
// before Fabrikam becomes Contoso's customer.
test('a link refused at the last step shows no accept button', async ({ browser, page }) => {
  // The partner creates a link, the customer opens it, then the partner revokes it. Refused, the
  // acceptance changes nothing: Fabrikam stays without a partner for the tests below.
  const partner = await browser.newContext({ locale: 'en-GB' });
  const partnerPage = await partner.newPage();
  await partnerPage.goto('/signin');
  await new SignInPage(partnerPage).signIn(ADMIN_AGENT);
  const flow = new InvitationFlow(partnerPage);
  await flow.start('refused@fabrikam.example');
  const link = await flow.link();

  await page.goto(link);
  await new SignInPage(page).signIn('admin@fabrikam.example');
  await expect(page.getByRole('button', { name: 'Accept & authorize' })).toBeVisible();

  await partnerPage.goto('/customers/invitations?q=refused%40fabrikam.example&status=pending');
  const row = partnerPage.getByRole('row').filter({ hasText: 'refused@fabrikam.example' }).first();
  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await row.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(partnerPage.getByRole('status').filter({ hasText: 'The invitation was revoked.' })).toBeVisible();
  await partner.close();

  await page.getByLabel(/I accept the Microsoft Customer Agreement/).check();
  await page.getByRole('button', { name: 'Accept & authorize' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "This invitation can't be used" })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(/The partner withdrew this invitation/);
  await expect(page.getByRole('button', { name: 'Accept & authorize' })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  await expectAccessible(page);
});

test('someone who is not a Global admin is told so and sees no accept button', async ({ browser, page }) => {
  const link = await createInvitation(browser);
  await openAs(page, link, 'user@fabrikam.example');
  await expect(page.getByRole('alert')).toHaveText(/Only a Global admin of your organisation can accept this invitation\./);
  await expect(page.getByRole('button', { name: 'Accept & authorize' })).toHaveCount(0);
  await expectAccessible(page);
});

test('the round trip: a customer accepts, the partner sees the customer, the customer removes the roles', async ({ browser, page }) => {
  const link = await createInvitation(browser);
  expect(link).toContain('/m365-admin/accept#');

  await openAs(page, link, 'admin@fabrikam.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Accept agreement & authorize partner' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Microsoft 365 admin center');
  await expect(page.getByText('Contoso Partner Kft. asks to become your reseller')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Hungary' })).toBeVisible();
  await expect(page.getByText('its admin agents become Global administrators;')).toBeVisible();
  await expect(page.getByText('its helpdesk agents become Helpdesk administrators.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Microsoft Customer Agreement/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Accept & authorize' }).click();
  await expect(page.getByText('Accept the Microsoft Customer Agreement first.')).toBeVisible();
  await page.getByLabel('I accept the Microsoft Customer Agreement on behalf of Fabrikam Kft.').check();
  await page.getByRole('button', { name: 'Accept & authorize' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Partner relationships' })).toBeVisible();
  await expect(page.getByText('Done: Contoso Partner Kft. is now your reseller.')).toBeVisible();
  const row = page.getByRole('row', { name: /Contoso Partner Kft\./ });
  await expect(row).toContainText('Global administrator, Helpdesk administrator');
  await expectAccessible(page);

  // The partner finds the customer with admin privileges granted, and the invitation accepted.
  const partner = await browser.newContext({ locale: 'en-GB' });
  const partnerPage = await partner.newPage();
  await partnerPage.goto('/signin');
  await new SignInPage(partnerPage).signIn(ADMIN_AGENT);
  const customerRow = partnerPage.getByRole('row', { name: /Fabrikam Kft\./ });
  await expect(customerRow).toContainText('Granted');
  await partnerPage.goto('/customers/invitations');
  await expect(partnerPage.getByRole('row').filter({ hasText: 'Accepted by Fabrikam Kft.' })).toHaveCount(1);

  // The customer removes the admin roles; the relationship stays.
  await row.getByRole('button', { name: 'Remove roles' }).click();
  await expectAccessible(page);
  await row.getByRole('button', { name: 'Remove admin roles' }).click();
  await expect(page.getByText("The partner's admin roles were removed.")).toBeVisible();
  await expect(page.getByRole('row', { name: /Contoso Partner Kft\./ })).toContainText('None');
  await partnerPage.goto('/customers');
  await expect(partnerPage.getByRole('row', { name: /Fabrikam Kft\./ })).toContainText('Removed by the customer');
  await partner.close();

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: "This invitation can't be used" })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('This invitation link was already used, so it can\'t be used again.');
  await expectAccessible(page);
});

test('a customer outside the partner\'s region is refused clearly', async ({ browser, page }) => {
  const link = await createInvitation(browser);
  await openAs(page, link, 'admin@woodgrove.example');
  await expect(page.getByRole('alert')).toHaveText(/only with customers in its own country or region/);
  await expect(page.getByRole('button', { name: 'Accept & authorize' })).toHaveCount(0);
});

test('a partner account opening the link is told to use the organisation account', async ({ browser, page }) => {
  const link = await createInvitation(browser);
  await openAs(page, link, 'globaladmin@contoso-partner.example');
  await expect(page.getByRole('alert')).toHaveText(/You signed in with a partner account\./);
});

test('an unknown link has its own message', async ({ page }) => {
  await openAs(page, '/m365-admin/accept#not-a-real-token', 'admin@fabrikam.example');
  await expect(page.getByRole('alert')).toHaveText(/This invitation link is not valid\./);
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the US Government partner\'s customer sees the Office portal in Hungarian', async ({ browser, page }) => {
    const link = await createInvitation(browser, 'adminagent@tailspin-federal.example');
    expect(link).toContain('/office-admin/accept#');
    await page.goto(link);
    await page.getByLabel('E-mail-cím').fill('admin@woodgrove.example');
    await page.getByLabel('Jelszó').fill('Demo-Passw0rd!');
    await page.getByRole('button', { name: 'Bejelentkezés' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Szerződés elfogadása és partner engedélyezése' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Microsoft Office felügyeleti portál');
    await expectAccessible(page);
    await page.getByLabel(/Elfogadom a Microsoft Ügyfélszerződést/).check();
    await page.getByRole('button', { name: 'Elfogadás és engedélyezés' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Partnerkapcsolatok' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Tailspin Federal Partner/ })).toContainText('Globális rendszergazda');
    await expectAccessible(page);
  });
});
