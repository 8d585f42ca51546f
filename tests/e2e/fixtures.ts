import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'Demo-Passw0rd!';
export const ADMIN_AGENT = 'adminagent@contoso-partner.example';

/** The sign-in page, found by its labels as a person finds it. */
export class SignInPage {
  constructor(readonly page: Page) {}

  heading(name = 'Sign in') {
    return this.page.getByRole('heading', { level: 1, name });
  }

  async signIn(email: string, password = PASSWORD) {
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}

/** The signed-in frame: header, navigation, the page's heading. */
export class Shell {
  constructor(readonly page: Page) {}

  banner() {
    return this.page.getByRole('banner');
  }

  navigation(name = 'Main') {
    return this.page.getByRole('navigation', { name });
  }

  heading(name: string) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  language(name: 'English' | 'Magyar') {
    return this.page.getByRole('button', { name, exact: true });
  }

  customersTable(name = 'Customers') {
    return this.page.getByRole('table', { name });
  }
}

/** The request flow's pages, by their labels. */
export class InvitationFlow {
  constructor(readonly page: Page) {}

  adminCheckbox() {
    return this.page.getByLabel('Include delegated administration privileges for Azure Active Directory and Office 365');
  }

  emailText() {
    return this.page.getByLabel('Email text');
  }

  /** From the Customers page through the options to the e-mail draft. */
  async start(customerEmail?: string) {
    await this.page.getByRole('link', { name: 'Request a reseller relationship' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Request a reseller relationship' })).toBeVisible();
    if (customerEmail) await this.page.getByLabel("Customer's email address (optional)").fill(customerEmail);
    await this.page.getByRole('button', { name: 'Next' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Customer list | Create a relationship request' })).toBeVisible();
    await expect(this.emailText()).toHaveValue(/accept#/);
  }

  /** The invitation link in the draft. */
  async link() {
    const text = await this.emailText().inputValue();
    const match = text.match(/https?:\/\/\S+\/accept#[A-Za-z0-9_-]{43}/);
    expect(match).not.toBeNull();
    return match![0];
  }
}

/** Fails the test on any axe violation of WCAG 2.0–2.2 A and AA, of axe's best practices
 * (heading order, landmarks, …), and of the target size rule. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

type Fixtures = { consoleErrors: string[]; signIn: SignInPage; shell: Shell; flow: InvitationFlow };

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
  signIn: async ({ page }, use) => use(new SignInPage(page)),
  shell: async ({ page }, use) => use(new Shell(page)),
  flow: async ({ page }, use) => use(new InvitationFlow(page)),
});

export { expect };
