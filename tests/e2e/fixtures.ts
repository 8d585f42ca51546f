import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {
  AcceptancePage,
  AuditLogPage,
  CustomerPage,
  CustomersPage,
  EmailDraftPage,
  InvitationsPage,
  type Lang,
  NotFoundPage,
  PartnerRelationshipsPage,
  RequestFormPage,
  Shell,
  SignInPage,
} from './pages';

export * from './pages';

/** Fails the test on any axe violation of WCAG 2.0–2.2 A and AA, of axe's best practices
 * (heading order, landmarks, …), and of the target size rule. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** As the signed-in partner, creates an invitation for `customerEmail` through the API and
 * revokes it at once, which writes both to the audit log; the two statuses and the expiry. */
export async function inviteAndRevoke(page: Page, customerEmail: string) {
  return page.evaluate(async (customerEmail) => {
    const r = await fetch('/api/v1/customers/relationshiprequests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ allowDelegatedAccess: true, customerEmail, language: 'en' }),
    });
    const invitation = await r.json();
    const revoked = await fetch(`/api/v1/customers/relationshiprequests/${invitation.id}/revoke`, { method: 'POST' });
    return { status: r.status, revoked: revoked.status, expiresAt: invitation.expiresAt as string };
  }, customerEmail);
}

type Fixtures = {
  consoleErrors: string[];
  /** The language of the browser's locale (`test.use({ locale: 'hu-HU' })`), which the app
   * starts in; every page object below reads its labels in it. */
  lang: Lang;
  signIn: SignInPage;
  shell: Shell;
  customers: CustomersPage;
  customer: CustomerPage;
  requestForm: RequestFormPage;
  draft: EmailDraftPage;
  invitations: InvitationsPage;
  acceptance: AcceptancePage;
  partners: PartnerRelationshipsPage;
  auditLog: AuditLogPage;
  notFound: NotFoundPage;
};

/** Every test fails on console errors unless it expects them (`consoleErrors.length = 0`). */
export const test = base.extend<Fixtures>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
    expect(errors).toEqual([]);
  },
  lang: async ({ locale }, use) => use(locale?.startsWith('hu') ? 'hu' : 'en'),
  signIn: async ({ page, lang }, use) => use(new SignInPage(page, lang)),
  shell: async ({ page, lang }, use) => use(new Shell(page, lang)),
  customers: async ({ page, lang }, use) => use(new CustomersPage(page, lang)),
  customer: async ({ page, lang }, use) => use(new CustomerPage(page, lang)),
  requestForm: async ({ page, lang }, use) => use(new RequestFormPage(page, lang)),
  draft: async ({ page, lang }, use) => use(new EmailDraftPage(page, lang)),
  invitations: async ({ page, lang }, use) => use(new InvitationsPage(page, lang)),
  acceptance: async ({ page, lang }, use) => use(new AcceptancePage(page, lang)),
  partners: async ({ page, lang }, use) => use(new PartnerRelationshipsPage(page, lang)),
  auditLog: async ({ page, lang }, use) => use(new AuditLogPage(page, lang)),
  notFound: async ({ page, lang }, use) => use(new NotFoundPage(page, lang)),
});

export { expect };
