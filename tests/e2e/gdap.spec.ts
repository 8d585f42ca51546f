import type { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  expectAccessible,
  ADMIN_AGENT,
  FABRIKAM_USER,
  SALES_AGENT,
  TAILSPIN,
  WOODGROVE_ADMIN,
  AdminRelationshipsPage,
  ApprovalEmailPage,
  ApproveRolesPage,
  CustomersPage,
  type Lang,
  PartnerRelationshipsPage,
  RelationshipPage,
  RelationshipRequestPage,
  SignInPage,
} from './fixtures';

// Granular admin relationships (SPEC section 9), end to end: the partner requests in one browser
// context, the customer approves in another, the partner assigns a security group and
// terminates. Tests share one server and database and run in order.

const ADATUM_ADMIN = 'admin@adatum.example';

/** Role names as the server's catalogue gives them, in each language. */
const ROLES = {
  en: { helpdesk: 'Helpdesk Administrator', reader: 'Global Reader', global: 'Global Administrator' },
  hu: { helpdesk: 'Ügyfélszolgálati rendszergazda', reader: 'Globális olvasó', global: 'Globális rendszergazda' },
};

/** A name no earlier run of the same database has used. */
function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}`;
}

/** Signs a partner user in, in a context of its own, and opens the request form. */
async function partnerContext(browser: Browser, lang: Lang, email = ADMIN_AGENT) {
  const context = await browser.newContext({ locale: lang === 'hu' ? 'hu-HU' : 'en-GB' });
  const page = await context.newPage();
  await new SignInPage(page, lang).open(email);
  await expect(page).toHaveURL(/\/customers/);
  return { context, page };
}

/** Fills and finalizes a request (for any customer, unless `customer` says whom to find by
 * typing); returns its approval link (on the e-mail page). */
async function requestRoles(
  page: Page,
  lang: Lang,
  name: string,
  roles: string[],
  autoExtend = false,
  customer?: { typed: string; name: string },
) {
  const list = new AdminRelationshipsPage(page, lang);
  const form = new RelationshipRequestPage(page, lang);
  const email = new ApprovalEmailPage(page, lang);
  await list.goto();
  await list.requestNew().click();
  await expect(form.heading()).toBeVisible();
  await form.name().fill(name);
  if (customer) await form.chooseCustomer(customer.typed, customer.name);
  else await expect(form.anyCustomer()).toBeChecked();
  await form.duration().fill('90');
  await form.chooseRoles(roles);
  if (autoExtend) await form.autoExtend(true).check();
  await form.finalize().click();
  await expect(email.heading()).toBeVisible();
  return { link: await email.link(), email };
}

test('the round trip: the partner requests, the customer approves, the partner assigns a group and terminates', async ({ browser, page }) => {
  const r = ROLES.en;
  const name = uniqueName('Adatum helpdesk');
  const partner = await partnerContext(browser, 'en');
  const list = new AdminRelationshipsPage(partner.page);
  await partner.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin relationships' }).click();
  await expect(list.heading()).toBeVisible();
  await expectAccessible(partner.page);

  const { link, email } = await requestRoles(partner.page, 'en', name, [r.helpdesk, r.reader], true);
  expect(link).toContain('/m365-admin/approve-roles#token=');
  await expect(email.text()).toHaveValue(new RegExp(`Relationship name: ${name}`));
  await expect(email.text()).toHaveValue(/Duration: 90 days/);
  await expect(email.openInEmailLink()).toHaveAttribute('href', /^mailto:/);
  await expect(email.copy()).toBeEnabled();
  await expectAccessible(partner.page);
  // The same link guard as the invitation's: a changed link disables sending until restored.
  await email.text().fill((await email.text().inputValue()).replace(link, 'gone'));
  await expect(email.alert()).toContainText('The approval link was removed or changed.');
  await expect(email.copy()).toBeDisabled();
  await email.restoreLink().click();
  await expect(email.copy()).toBeEnabled();
  await email.done().click();

  const relationship = new RelationshipPage(partner.page);
  await expect(relationship.heading(name)).toBeVisible();
  await expect(relationship.statusText('Waiting for approval')).toBeVisible();
  await expect(relationship.roles()).toContainText(r.helpdesk);
  await expectAccessible(partner.page);

  // The customer, in a browser of its own.
  const approve = new ApproveRolesPage(page);
  await approve.open(link, ADATUM_ADMIN);
  await expect(approve.heading()).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Microsoft 365 admin center');
  await expect(approve.section('Partner information')).toBeVisible();
  await expect(approve.text('Contoso Partner Kft.').first()).toBeVisible();
  await expect(approve.text('Granular admin access')).toBeVisible();
  await expect(approve.text(name)).toBeVisible();
  await expect(approve.role(r.helpdesk)).toBeVisible();
  await expect(approve.role(r.reader)).toBeVisible();
  await expect(approve.text('90 days')).toBeVisible();
  await expect(approve.cancel()).toBeVisible();
  await expectAccessible(page);
  await approve.approveAll().click();

  const partners = new PartnerRelationshipsPage(page);
  await expect(partners.heading()).toBeVisible();
  await expect(partners.message(`Done: Contoso Partner Kft. has the requested roles (${name})`)).toBeVisible();
  await expect(partners.granularRow(name)).toContainText(r.helpdesk);
  await expectAccessible(page);

  // The partner sees it active, with the customer that approved it.
  await partner.page.reload();
  await expect(relationship.statusText('Active')).toBeVisible();
  await expect(relationship.history()).toContainText(ADATUM_ADMIN);
  await relationship.groupSelect().selectOption({ label: 'Helpdesk agents' });
  await relationship.addRole(r.helpdesk).check();
  await relationship.add().click();
  await expect(relationship.status('The security group got its roles.')).toBeVisible();
  await expect(relationship.groupRow('Helpdesk agents')).toContainText(r.helpdesk);
  await expectAccessible(partner.page);

  await relationship.changeRoles('Helpdesk agents').click();
  await relationship.editRole('Helpdesk agents', r.reader).check();
  await relationship.saveRoles('Helpdesk agents').click();
  await expect(relationship.status("The security group's roles were changed.")).toBeVisible();
  await expect(relationship.groupRow('Helpdesk agents')).toContainText(`${r.helpdesk}, ${r.reader}`);

  await list.goto(`?q=${encodeURIComponent(name)}`);
  await expect(list.row(name)).toContainText('Adatum');
  await expect(list.row(name)).toContainText('Active');
  await expect(list.row(name)).toContainText('2 roles');
  await list.row(name).getByRole('link', { name }).click();

  await relationship.terminate().click();
  await expect(partner.page.getByRole('alertdialog')).toBeVisible();
  await expectAccessible(partner.page);
  await relationship.confirmTerminate().click();
  await expect(relationship.status('The relationship was terminated.')).toBeVisible();
  await expect(relationship.statusText('Terminated')).toBeVisible();
  await expect(relationship.terminate()).toHaveCount(0);
  await expectAccessible(partner.page);
  await partner.context.close();

  // The customer's list shows it ended, with nothing left to terminate.
  await page.reload();
  await expect(partners.granularRow(name)).toContainText('Terminated');
  await expect(partners.terminate(name)).toHaveCount(0);
});

test("a partner in the US Government cloud sends a link to the Office admin portal", async ({ browser, page }) => {
  const partner = await partnerContext(browser, 'en', TAILSPIN);
  const { link } = await requestRoles(partner.page, 'en', uniqueName('Woodgrove reader'), [ROLES.en.reader]);
  await partner.context.close();
  expect(link).toContain('/office-admin/approve-roles#token=');

  const approve = new ApproveRolesPage(page);
  await approve.open(link, WOODGROVE_ADMIN);
  await expect(approve.heading()).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Microsoft Office admin portal');
  await expect(approve.text('Tailspin Federal Partner').first()).toBeVisible();
  await expect(approve.role(ROLES.en.reader)).toBeVisible();
  await expect(approve.approveAll()).toBeVisible();
  await expectAccessible(page);
});

test('the role dialog works by keyboard, and focus returns to its button', async ({ page, signIn }) => {
  const r = ROLES.en;
  const form = new RelationshipRequestPage(page);
  await signIn.open(ADMIN_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  await form.goto();
  await expect(form.heading()).toBeVisible();

  await form.selectRoles().focus();
  await page.keyboard.press('Enter');
  await expect(form.dialog()).toBeVisible();
  await expect(form.dialogSearch()).toBeFocused();
  await expect(form.group('Identity')).toBeVisible();
  await expectAccessible(page);

  await page.keyboard.type('helpdesk admin');
  await page.keyboard.press('Tab');
  await expect(form.role(r.helpdesk)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(form.role(r.helpdesk)).toBeChecked();
  await expect(form.dialog().getByRole('status')).toHaveText('1 selected');

  // Escape drops the choice and gives focus back.
  await page.keyboard.press('Escape');
  await expect(form.dialog()).toBeHidden();
  await expect(form.selectRoles()).toBeFocused();
  await expect(form.message('No Microsoft Entra roles selected')).toBeVisible();

  // Again, and Save by keyboard.
  await page.keyboard.press('Enter');
  await expect(form.dialogSearch()).toBeFocused();
  await page.keyboard.type('global reader');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(form.save()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(form.dialog()).toBeHidden();
  await expect(form.selectRoles()).toBeFocused();
  await expect(form.chosenRoles()).toHaveText(r.reader);
});

test('auto extend is disabled with the reason while Global Administrator is chosen', async ({ page, signIn }) => {
  const r = ROLES.en;
  const form = new RelationshipRequestPage(page);
  await signIn.open(ADMIN_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  await form.goto();
  await form.autoExtend(true).check();
  await form.chooseRoles([r.global]);
  await expect(form.autoExtend(true)).toBeDisabled();
  await expect(form.autoExtend(false)).toBeChecked();
  const reason = 'Auto extend is not available while Global Administrator is among the roles.';
  await expect(form.message(reason)).toBeVisible();
  await expect(page.getByRole('group', { name: 'Auto extend' })).toHaveAccessibleDescription(new RegExp(reason));
  await expectAccessible(page);
});

test('the form names every problem at once, before sending', async ({ page, signIn }) => {
  const form = new RelationshipRequestPage(page);
  await signIn.open(ADMIN_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  await form.goto();
  await form.finalize().click();
  await expect(form.message('Enter a name for the relationship.')).toBeVisible();
  await expect(form.message('Enter the duration in days.')).toBeVisible();
  await expect(form.message('Select at least one Microsoft Entra role.')).toBeVisible();
  await expect(form.message('The request was not sent. Correct the marked fields.')).toBeVisible();
  await expect(form.name()).toBeFocused();
  await expect(form.name()).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await form.name().fill('x'.repeat(51));
  await form.duration().fill('731');
  await form.finalize().click();
  await expect(form.message('The name can be at most 50 characters.')).toBeVisible();
  await expect(form.message('The duration must be 1 to 730 days.')).toBeVisible();
  await expect(page).toHaveURL(/\/admin-relationships\/new/);
});

test('a name already used is refused by the server on its field', async ({ page, signIn }) => {
  const r = ROLES.en;
  const name = uniqueName('Twice');
  await signIn.open(ADMIN_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  await requestRoles(page, 'en', name, [r.reader]);
  const form = new RelationshipRequestPage(page);
  await form.goto();
  await form.name().fill(name);
  await form.duration().fill('30');
  await form.chooseRoles([r.reader]);
  await form.finalize().click();
  await expect(form.message('You already have a relationship with this name. Choose another.')).toBeVisible();
  await expect(form.name()).toBeFocused();
});

test('someone who is not a Global admin is told so and sees no approve button; a bad link has its own message', async ({ browser, page }) => {
  const partner = await partnerContext(browser, 'en');
  const { link } = await requestRoles(partner.page, 'en', uniqueName('Not for users'), [ROLES.en.reader]);
  await partner.context.close();

  const approve = new ApproveRolesPage(page);
  await approve.open(link, FABRIKAM_USER);
  await expect(approve.heading()).toBeVisible();
  await expect(approve.alert()).toHaveText(/Only a Global admin of your organisation can approve these roles\./);
  await expect(approve.approveAll()).toHaveCount(0);
  await expectAccessible(page);

  await page.goto(link.replace(/token=.*/, 'token=not-a-real-token'));
  await expect(approve.refused()).toBeVisible();
  await expect(approve.alert()).toHaveText(/This approval link is not valid\./);
  await expectAccessible(page);
});

test('a new approval link replaces the one sent before', async ({ browser, page }) => {
  const name = uniqueName('Relinked');
  const partner = await partnerContext(browser, 'en');
  const { link, email } = await requestRoles(partner.page, 'en', name, [ROLES.en.reader]);
  await email.done().click();
  const relationship = new RelationshipPage(partner.page);
  await expect(relationship.heading(name)).toBeVisible();
  await relationship.newLink().click();
  await expectAccessible(partner.page);
  await relationship.confirmNewLink().click();
  const fresh = new ApprovalEmailPage(partner.page);
  await expect(fresh.heading()).toBeVisible();
  const newLink = await fresh.link();
  expect(newLink).not.toBe(link);
  await fresh.done().click();
  await expect(relationship.heading(name)).toBeVisible();

  // The customer's old link is refused; the new one asks for approval, and is approved.
  const approve = new ApproveRolesPage(page);
  await approve.open(link, ADATUM_ADMIN);
  await expect(approve.refused()).toBeVisible();
  await expect(approve.alert()).toHaveText(/This approval link is not valid\./);
  await page.goto('about:blank');
  await page.goto(newLink);
  await expect(approve.text(name)).toBeVisible();
  await approve.approveAll().click();
  await expect(new PartnerRelationshipsPage(page).granularRow(name)).toContainText('Active');

  // The partner's page, read before the approval, still offers a new link: asking now is
  // refused as a change made meanwhile, and the page shows the relationship active.
  await relationship.newLink().click();
  await relationship.confirmNewLink().click();
  await expect(relationship.status('Someone changed this meanwhile, so nothing was changed.')).toBeVisible();
  await expect(relationship.statusText('Active')).toBeVisible();
  await expect(relationship.newLink()).toHaveCount(0);
  await partner.context.close();
});

test('the list filters by status, shows those ending within 30 days, and keeps it in the URL', async ({ page, signIn }) => {
  const list = new AdminRelationshipsPage(page);
  await signIn.open(ADMIN_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  await list.goto();
  await expect(list.table()).toBeVisible();
  await list.endingView().click();
  await expect(page).toHaveURL(/\/admin-relationships\?ending=1/);
  await expect(list.endingView()).toHaveAttribute('aria-current', 'page');
  await expect(list.rows().nth(1)).toContainText('Ending soon');
  await expectAccessible(page);

  await list.statusFilter().selectOption({ label: 'Expired' });
  await expect(page).toHaveURL(/status=expired/);
  await expect(list.rows().nth(1)).toContainText('Expired');
  await page.reload();
  await expect(list.statusFilter()).toHaveValue('expired');
  await expect(list.allView()).toHaveAttribute('aria-current', 'page');
});

test('the Customers list shows granular roles at a glance, linking to the tab', async ({ page, signIn }) => {
  const customers = new CustomersPage(page);
  await signIn.open(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();
  const glance = customers.table().getByRole('link', { name: /^GDAP: \d+ roles?, ends / }).first();
  await expect(glance).toBeVisible();
  await glance.click();
  await expect(page).toHaveURL(/\/customers\/[^/]+\/relationships$/);
  const tab = new AdminRelationshipsPage(page);
  await expect(tab.table()).toBeVisible();
  await expect(tab.rows().nth(1)).toBeVisible();
  await expectAccessible(page);

  // A request from the tab is for that customer.
  const customerName = (await page.getByRole('heading', { level: 1 }).textContent())!;
  await tab.requestNew().click();
  const form = new RelationshipRequestPage(page);
  await expect(form.heading()).toBeVisible();
  await expect(form.customerChoice(customerName)).toBeChecked();
  // Another search keeps the choice on offer; Any customer is still one arrow away.
  await form.customerSearch().pressSequentially('zzqx');
  await expect(form.customerStatus()).toHaveText('No customer\'s name or domain starts with “zzqx”. Check the spelling, or choose Any customer.');
  await expect(form.customerChoice(customerName)).toBeChecked();
  await expectAccessible(page);
});

test('the customer of a request is found by typing among many', async ({ page, signIn }) => {
  // Tailspin has 120 generated customers: the form offers the first ten and finds the rest.
  await signIn.open(TAILSPIN);
  await expect(page).toHaveURL(/\/customers/);
  const customers = new CustomersPage(page);
  await customers.goto('?sort=name:desc');
  const last = (await customers.rowHeaders().first().getByRole('link').textContent())!.trim();
  const form = new RelationshipRequestPage(page);
  await form.goto();
  await expect(form.heading()).toBeVisible();
  await expect(form.customerStatus()).toHaveText(/^Customers shown: 10 of 1\d\d\. Type more/);
  await expect(form.customerChoices()).toHaveCount(11);
  await expect(form.anyCustomer()).toBeChecked();
  await expect(form.customerChoice(last)).toHaveCount(0);
  await expectAccessible(page);

  // Enter searches at once instead of sending the form.
  await form.customerSearch().pressSequentially(last.split(' ')[0]);
  await form.customerSearch().press('Enter');
  await expect(form.customerChoice(last)).toBeVisible();
  await expect(form.message('Enter a name for the relationship.')).toHaveCount(0);

  // The request is for the customer found.
  const name = uniqueName('Tailspin reader');
  await requestRoles(page, 'en', name, [ROLES.en.reader], false, { typed: last, name: last });
  const list = new AdminRelationshipsPage(page);
  await list.goto(`?q=${encodeURIComponent(name)}`);
  await expect(list.row(name)).toContainText(last);
  await expect(list.row(name)).toContainText('Waiting for approval');
});
test('a sales agent reads the relationships but may not request or terminate', async ({ page, signIn }) => {
  const list = new AdminRelationshipsPage(page);
  await signIn.open(SALES_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  await list.goto();
  await expect(list.requestNewDisabled()).toBeDisabled();
  await expect(page.getByText('Only Admin agents can request, change or terminate admin relationships.')).toBeVisible();
  await list.statusFilter().selectOption({ label: 'Active' });
  await list.rows().nth(1).getByRole('link').first().click();
  await expect(new RelationshipPage(page).roles()).toBeVisible();
  await expect(new RelationshipPage(page).terminate()).toHaveCount(0);
  await expectAccessible(page);
});

test('a change someone made meanwhile is said, not overwritten, and the page reloads', async ({ page, signIn }) => {
  const name = 'Exchange and Teams rollout';
  await signIn.open(ADMIN_AGENT);
  await expect(page).toHaveURL(/\/customers/);
  const list = new AdminRelationshipsPage(page);
  await list.goto(`?q=${encodeURIComponent('Coho')}`);
  await list.row(name).getByRole('link', { name }).click();
  const stale = new RelationshipPage(page);
  await expect(stale.groupRow('Tier 2 support')).toBeVisible();
  const url = page.url();

  // Someone else, in another tab, changes the same assignment.
  const other = await page.context().newPage();
  await other.goto(url);
  const fresh = new RelationshipPage(other);
  await fresh.changeRoles('Tier 2 support').click();
  await fresh.editRole('Tier 2 support', 'Teams Administrator').check();
  await fresh.saveRoles('Tier 2 support').click();
  await expect(fresh.status("The security group's roles were changed.")).toBeVisible();
  await other.close();

  // This tab still holds the old version: removing it is refused and the page shows the new one.
  await stale.remove('Tier 2 support').click();
  await stale.confirmRemove('Tier 2 support').click();
  await expect(stale.status('Someone changed this meanwhile, so nothing was changed.')).toBeVisible();
  await expect(stale.groupRow('Tier 2 support')).toContainText('Teams Administrator');
  await expectAccessible(page);
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('a körút: a partner kér, az ügyfél jóváhagyja, a partner megszünteti', async ({ browser, page }) => {
    const r = ROLES.hu;
    const name = uniqueName('Woodgrove támogatás');
    const partner = await partnerContext(browser, 'hu');
    const { link } = await requestRoles(partner.page, 'hu', name, [r.helpdesk]);
    const email = new ApprovalEmailPage(partner.page, 'hu');
    await expect(email.text()).toHaveValue(/Időtartam: 90 nap/);
    await expect(email.text()).toHaveValue(/A Contoso Partner Kft\. részletes rendszergazdai hozzáférést kér/);
    await expectAccessible(partner.page);

    const approve = new ApproveRolesPage(page, 'hu');
    await approve.open(link, WOODGROVE_ADMIN);
    await expect(approve.heading()).toBeVisible();
    await expect(approve.text('Részletes rendszergazdai hozzáférés')).toBeVisible();
    await expect(approve.role(r.helpdesk)).toBeVisible();
    await expect(approve.text('90 nap')).toBeVisible();
    await expectAccessible(page);
    await approve.approveAll().click();

    const partners = new PartnerRelationshipsPage(page, 'hu');
    await expect(partners.heading()).toBeVisible();
    await expect(partners.message(`Kész: a Contoso Partner Kft. megkapta a kért szerepköröket (${name})`)).toBeVisible();
    await expect(partners.granularRow(name)).toContainText('Aktív');
    await expectAccessible(page);

    // This time the customer ends it.
    await partners.terminate(name).click();
    await expectAccessible(page);
    await partners.confirmTerminate(name).click();
    await expect(partners.status('A kapcsolat megszűnt.')).toBeVisible();
    await expect(partners.granularRow(name)).toContainText('Megszüntetve');

    const list = new AdminRelationshipsPage(partner.page, 'hu');
    await list.goto(`?q=${encodeURIComponent(name)}`);
    await expect(list.row(name)).toContainText('Megszüntetve');
    await expect(list.row(name)).toContainText('Woodgrove');
    await expectAccessible(partner.page);
    await partner.context.close();
  });

  test('a mezőhibák magyarul, egyszerre', async ({ page, signIn }) => {
    const form = new RelationshipRequestPage(page, 'hu');
    await signIn.open(ADMIN_AGENT);
    await expect(page).toHaveURL(/\/customers/);
    await form.goto();
    await expect(form.heading()).toBeVisible();
    await form.duration().fill('0');
    await form.finalize().click();
    await expect(form.message('Adja meg a kapcsolat nevét.')).toBeVisible();
    await expect(form.message('Az időtartam 1 és 730 nap között lehet.')).toBeVisible();
    await expect(form.message('Válasszon ki legalább egy Microsoft Entra-szerepkört.')).toBeVisible();
    await expectAccessible(page);
  });
});
