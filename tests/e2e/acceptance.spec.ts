import {
  test,
  expect,
  expectAccessible,
  createInvitation,
  startInvitation,
  ADMIN_AGENT,
  FABRIKAM_ADMIN,
  FABRIKAM_USER,
  GLOBAL_ADMIN,
  TAILSPIN,
  WOODGROVE_ADMIN,
  CustomersPage,
  InvitationsPage,
  SignInPage,
} from './fixtures';

// Tests share one server and database and run in order: Fabrikam's non-admin looks first,
// before Fabrikam becomes Contoso's customer.
test('a link refused at the last step shows no accept button', async ({ browser, page, signIn, acceptance }) => {
  // The partner creates a link, the customer opens it, then the partner revokes it. Refused, the
  // acceptance changes nothing: Fabrikam stays without a partner for the tests below.
  const partner = await browser.newContext({ locale: 'en-GB' });
  const partnerPage = await partner.newPage();
  await new SignInPage(partnerPage).open(ADMIN_AGENT);
  const draft = await startInvitation(new CustomersPage(partnerPage), 'refused@fabrikam.example');
  const link = await draft.link();

  await page.goto(link);
  await signIn.signIn(FABRIKAM_ADMIN);
  await expect(acceptance.accept()).toBeVisible();

  const invitations = new InvitationsPage(partnerPage);
  await invitations.goto('?q=refused%40fabrikam.example&status=pending');
  const row = invitations.row('refused@fabrikam.example').first();
  await invitations.revokeAndConfirm(row);
  await expect(invitations.status('The invitation was revoked.')).toBeVisible();
  await partner.close();

  await acceptance.agreement().check();
  await acceptance.accept().click();
  await expect(acceptance.refused()).toBeVisible();
  await expect(acceptance.alert()).toHaveText(/The partner withdrew this invitation/);
  await expect(acceptance.accept()).toHaveCount(0);
  await expect(acceptance.checkboxes()).toHaveCount(0);
  await expectAccessible(page);
});

test('someone who is not a Global admin is told so and sees no accept button', async ({ browser, page, acceptance }) => {
  const link = await createInvitation(browser);
  await acceptance.open(link, FABRIKAM_USER);
  await expect(acceptance.alert()).toHaveText(/Only a Global admin of your organisation can accept this invitation\./);
  await expect(acceptance.accept()).toHaveCount(0);
  await expectAccessible(page);
});

test('the round trip: a customer accepts, the partner sees the customer, the customer removes the roles', async ({ browser, page, acceptance, partners }) => {
  const link = await createInvitation(browser);
  expect(link).toContain('/m365-admin/accept#');

  await acceptance.open(link, FABRIKAM_ADMIN);
  await expect(acceptance.heading()).toBeVisible();
  await expect(acceptance.banner()).toContainText('Microsoft 365 admin center');
  await expect(acceptance.text('Contoso Partner Kft. asks to become your reseller')).toBeVisible();
  await expect(acceptance.detail('Hungary')).toBeVisible();
  await expect(acceptance.text('its admin agents become Global administrators;')).toBeVisible();
  await expect(acceptance.text('its helpdesk agents become Helpdesk administrators.')).toBeVisible();
  await expect(acceptance.agreementLink()).toBeVisible();
  await expectAccessible(page);

  await acceptance.accept().click();
  await expect(acceptance.text('Accept the Microsoft Customer Agreement first.')).toBeVisible();
  await acceptance.agreement('I accept the Microsoft Customer Agreement on behalf of Fabrikam Kft.').check();
  await acceptance.accept().click();

  await expect(partners.heading()).toBeVisible();
  await expect(partners.message('Done: Contoso Partner Kft. is now your reseller.')).toBeVisible();
  const contoso = /Contoso Partner Kft\./;
  await expect(partners.row(contoso)).toContainText('Global administrator, Helpdesk administrator');
  await expectAccessible(page);

  // The partner finds the customer with admin privileges granted, and the invitation accepted.
  const partner = await browser.newContext({ locale: 'en-GB' });
  const partnerPage = await partner.newPage();
  await new SignInPage(partnerPage).open(ADMIN_AGENT);
  const theirCustomers = new CustomersPage(partnerPage);
  await expect(theirCustomers.row(/Fabrikam Kft\./)).toContainText('Granted');
  const theirInvitations = new InvitationsPage(partnerPage);
  await theirInvitations.goto();
  await expect(theirInvitations.row('Accepted by Fabrikam Kft.')).toHaveCount(1);

  // The customer removes the admin roles; the relationship stays.
  await partners.removeRoles(contoso).click();
  await expectAccessible(page);
  await partners.confirmRemoveRoles(contoso).click();
  await expect(partners.message("The partner's admin roles were removed.")).toBeVisible();
  await expect(partners.row(contoso)).toContainText('None');
  await theirCustomers.goto();
  await expect(theirCustomers.row(/Fabrikam Kft\./)).toContainText('Removed by the customer');
  await partner.close();

  // The link works once.
  await page.goto(link);
  await expect(acceptance.refused()).toBeVisible();
  await expect(acceptance.alert()).toHaveText('This invitation link was already used, so it can\'t be used again.');
  await expectAccessible(page);
});

test('a customer outside the partner\'s region is refused clearly', async ({ browser, acceptance }) => {
  const link = await createInvitation(browser);
  await acceptance.open(link, WOODGROVE_ADMIN);
  await expect(acceptance.alert()).toHaveText(/only with customers in its own country or region/);
  await expect(acceptance.accept()).toHaveCount(0);
});

test('a partner account opening the link is told to use the organisation account', async ({ browser, acceptance }) => {
  const link = await createInvitation(browser);
  await acceptance.open(link, GLOBAL_ADMIN);
  await expect(acceptance.alert()).toHaveText(/You signed in with a partner account\./);
});

test('an unknown link has its own message', async ({ acceptance }) => {
  await acceptance.open('/m365-admin/accept#not-a-real-token', FABRIKAM_ADMIN);
  await expect(acceptance.alert()).toHaveText(/This invitation link is not valid\./);
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the US Government partner\'s customer sees the Office portal in Hungarian', async ({ browser, page, signIn, acceptance, partners }) => {
    const link = await createInvitation(browser, TAILSPIN);
    expect(link).toContain('/office-admin/accept#');
    await page.goto(link);
    await signIn.signIn(WOODGROVE_ADMIN);
    await expect(acceptance.heading()).toBeVisible();
    await expect(acceptance.banner()).toContainText('Microsoft Office felügyeleti portál');
    await expectAccessible(page);
    await acceptance.agreement().check();
    await acceptance.accept().click();
    await expect(partners.heading()).toBeVisible();
    await expect(partners.row(/Tailspin Federal Partner/)).toContainText('Globális rendszergazda');
    await expectAccessible(page);
  });
});
