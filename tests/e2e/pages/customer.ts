import { PageObject } from './page-object';

/** `/customers/{id}/…`: one customer's pages (Account, Subscriptions, Users and licenses, Admin
 * relationships, Service requests) under its name, breadcrumbs and tabs. */
export class CustomerPage extends PageObject {
  async goto(id: string, tab = 'account') {
    await this.page.goto(`/customers/${id}/${tab}`);
  }

  breadcrumbs() {
    return this.page.getByRole('navigation', { name: 'Breadcrumb' });
  }

  tabs() {
    return this.page.getByRole('navigation', { name: this.say('Customer pages', 'Ügyféloldalak') });
  }

  tab(name: string) {
    return this.tabs().getByRole('link', { name });
  }

  async openTab(name: string) {
    await this.tab(name).click();
  }

  /** A tab's own heading (level 2). */
  section(name: string) {
    return this.page.getByRole('heading', { level: 2, name });
  }

  /** A table by its caption: Subscriptions, Users, Licenses, Service requests. */
  table(name: string) {
    return this.page.getByRole('table', { name });
  }

  /** A line of text on the page. */
  text(text: string | RegExp, exact?: boolean) {
    return this.page.getByText(text, { exact });
  }

  /** What a refused id says ("not found"). */
  alert() {
    return this.page.getByRole('alert');
  }

  // Account

  removeRelationship() {
    return this.page.getByRole('button', { name: 'Remove reseller relationship' });
  }

  goToSubscriptions() {
    return this.page.getByRole('link', { name: 'Go to the subscriptions' });
  }

  confirmation() {
    return this.page.getByRole('alertdialog');
  }

  confirmRemoval() {
    return this.confirmation().getByRole('button', { name: 'Remove relationship' });
  }

  auditLog() {
    return this.page.getByRole('link', { name: 'Audit log for this customer' });
  }

  // Subscriptions

  suspend() {
    return this.page.getByRole('button', { name: /^Suspend / });
  }

  reactivate() {
    return this.page.getByRole('button', { name: /^Reactivate / });
  }

  /** The first subscription's designated support partner, and its Submit. */
  supportPartner() {
    return this.page.getByLabel(/^Designated support partner for /).first();
  }

  submitSupportPartner() {
    return this.page.getByRole('button', { name: /^Submit / }).first();
  }

  // Service requests

  newServiceRequest() {
    return this.page.getByRole('heading', { level: 3, name: this.say('New service request', 'Új szolgáltatáskérés') });
  }

  field(name: 'Title' | 'Description' | 'Severity' | 'Contact name' | 'Contact email') {
    return this.page.getByLabel(name);
  }

  openServiceRequest() {
    return this.page.getByRole('button', { name: this.say('Open service request', 'Szolgáltatáskérés megnyitása') });
  }

  /** The message of an empty required field. */
  required() {
    return this.page.getByText(this.say('This field is required.', 'Ezt a mezőt ki kell tölteni.')).first();
  }
}
