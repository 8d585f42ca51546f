import { expect, type Browser } from '@playwright/test';
import { ADMIN_AGENT } from './accounts';
import { CustomersPage } from './customers';
import { EmailDraftPage } from './email-draft';
import { RequestFormPage } from './request-form';
import { SignInPage } from './sign-in';

/** From the Customers page through the request form to the e-mail draft; returns the draft. */
export async function startInvitation(customers: CustomersPage, customerEmail?: string): Promise<EmailDraftPage> {
  const { page, lang } = customers;
  const form = new RequestFormPage(page, lang);
  const draft = new EmailDraftPage(page, lang);
  await customers.requestRelationship().click();
  await expect(form.heading()).toBeVisible();
  if (customerEmail) await form.customerEmail().fill(customerEmail);
  await form.next().click();
  await expect(draft.heading()).toBeVisible();
  await expect(draft.text()).toHaveValue(/accept#/);
  return draft;
}

/** A partner's user creates an invitation in a browser context of its own (in English); returns
 * the link. */
export async function createInvitation(browser: Browser, partner = ADMIN_AGENT): Promise<string> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await new SignInPage(page).open(partner);
  const draft = await startInvitation(new CustomersPage(page));
  const link = await draft.link();
  await context.close();
  return link;
}
