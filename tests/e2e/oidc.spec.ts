import { test, expect, expectAccessible, CustomersPage, SignInPage, ADMIN_AGENT, startInvitation } from './fixtures';

// Sign-in through the organisation's identity provider: `tests/oidc/provider.mjs` (started by
// playwright.config.ts) is Contoso's and Fabrikam's provider. Its page asks only for an address.

async function atProvider(page: import('@playwright/test').Page, provider: string, email: string) {
  await expect(page.getByRole('heading', { level: 1, name: `${provider}: sign in` })).toBeVisible();
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a partner signs in through its provider and signs out there too', async ({ page }) => {
  await page.goto('/signin');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Sign in with Contoso ID' }).click();
  await atProvider(page, 'Contoso ID', ADMIN_AGENT);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider asks whether to end its session as well, then sends the browser back.
  await page.getByRole('button', { name: /Yes, sign me out/ }).click();
  await expect(new SignInPage(page).heading()).toBeVisible();
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/signin\?next=/);
});

test('the acceptance page keeps its token through the provider', async ({ browser, page }) => {
  const partner = await browser.newContext({ locale: 'en-GB' });
  const partnerPage = await partner.newPage();
  await partnerPage.goto('/signin');
  await new SignInPage(partnerPage).signIn(ADMIN_AGENT);
  const draft = await startInvitation(new CustomersPage(partnerPage), 'oidc@fabrikam.example');
  const link = await draft.link();
  await partner.close();

  await page.goto(link);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.getByRole('link', { name: 'Sign in with Fabrikam ID' }).click();
  await atProvider(page, 'Fabrikam ID', 'admin@fabrikam.example');
  // The page read the token: it offers acceptance, or (when acceptance.spec.ts has already made
  // Fabrikam Contoso's customer in this shared database) says why it can't be used.
  await expect(page.getByRole('button', { name: 'Accept & authorize' })
    .or(page.getByText('Your organisation already has a relationship with this partner.'))).toBeVisible();
  expect(new URL(page.url()).hash).toBe(new URL(link).hash);
});

test('someone the provider signs in without a portal role is told so', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Sign in with Contoso ID' }).click();
  await atProvider(page, 'Contoso ID', 'helpdesk@contoso-partner.example');
  // The password form keeps its own (empty) alert region; this is the other one.
  const refusal = page.getByRole('alert').filter({ hasText: /\S/ });
  await expect(refusal).toHaveText(
    'You have no role in this portal. Ask your administrator to add you to a group that has one.');
  await expect(new SignInPage(page).heading()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Magyar', exact: true }).click();
  await expect(refusal).toHaveText(/Nincs szerepköre ebben a portálban\./);
});
