import {
  test,
  expect,
  expectAccessible,
  FABRIKAM_ADMIN,
  PartnerRelationshipsPage,
  SignInPage,
} from './fixtures';

// The customer's portal is an entry of its own: a customer's admin opening one of its pages
// downloads that entry, never the partner portal's wasm, and everything a visitor does there
// (language, moving between its pages, signing out) works as in the partner portal.

const UNKNOWN_LINK = '/m365-admin/accept#not-a-real-token';

test('a portal page opened directly downloads the portal, not the partner portal', async ({ page, shell, acceptance }) => {
  // Signing in happens in the partner portal; its `next` page is the portal's.
  await acceptance.open(UNKNOWN_LINK, FABRIKAM_ADMIN);
  await expect(acceptance.alert()).toHaveText(/This invitation link is not valid\./);

  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.reload();
  await expect(acceptance.refused()).toBeVisible();
  await expect(acceptance.alert()).toHaveText(/This invitation link is not valid\./);
  await expect(acceptance.banner()).toContainText('Microsoft 365 admin center');
  await expectAccessible(page);
  expect(fetched.filter((p) => /^\/customer-portal-[0-9a-f]{16}_bg\.wasm$/.test(p))).toHaveLength(1);
  expect(fetched.filter((p) => /^\/partner-portal-|^\/__wasm_split-|^\/(split|chunk)_/.test(p))).toEqual([]);

  // Its other pages are in the same entry: the navigation moves without loading anything else.
  fetched.length = 0;
  await shell.navLink('Partner relationships').click();
  await expect(new PartnerRelationshipsPage(page).heading()).toBeVisible();
  expect(fetched.filter((p) => p.endsWith('.wasm') || p.endsWith('.js'))).toEqual([]);
});

// The pages below need no invitation link: unknown links count towards the lookup limit.
const PARTNERS = '/m365-admin/partners';

test('the portal keeps the chosen language across a reload, and signing out leads to sign-in', async ({ page, shell, acceptance, partners }) => {
  await acceptance.open(PARTNERS, FABRIKAM_ADMIN);
  await expect(partners.heading()).toBeVisible();
  await page.reload();
  await expect(partners.heading()).toBeVisible();

  await shell.language('Magyar').click();
  const hungarian = new PartnerRelationshipsPage(page, 'hu');
  await expect(hungarian.heading()).toBeVisible();
  await expect(acceptance.banner()).toContainText('Microsoft 365 Felügyeleti központ');
  await page.reload();
  await expect(hungarian.heading()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'hu');

  await shell.language('English').click();
  await expect(partners.heading()).toBeVisible();
  // Sign-in is the partner portal's page: the browser loads it afresh, and it works.
  await shell.signOut().click();
  await expect(page).toHaveURL(/\/signin/);
  await new SignInPage(page).signIn(FABRIKAM_ADMIN);
  await expect(partners.heading()).toBeVisible();
});

test('an address under the portal that it does not know is "not found"', async ({ page, acceptance, partners, notFound }) => {
  await acceptance.open(PARTNERS, FABRIKAM_ADMIN);
  await expect(partners.heading()).toBeVisible();
  await page.goto('/office-admin/no-such-page');
  await expect(notFound.heading()).toBeVisible();
});
