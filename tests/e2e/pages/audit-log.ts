import { PageObject } from './page-object';

/** `/audit`: the partner's audit log for its Global admins, filtered by customer, kind, who
 * acted and days, and exported as CSV. */
export class AuditLogPage extends PageObject {
  override heading(name: string | RegExp = 'Audit log') {
    return super.heading(name);
  }

  async goto(query = '') {
    await this.page.goto(`/audit${query}`);
  }

  table() {
    return this.page.getByRole('table', { name: this.say('Audit records', 'Naplóbejegyzések') });
  }

  /** The scrolling region around the table. */
  region() {
    return this.page.getByRole('region', { name: 'Audit records' });
  }

  row(name: string | RegExp) {
    return this.table().getByRole('row', { name });
  }

  kind() {
    return this.page.getByLabel('Kind');
  }

  changedBy() {
    return this.page.getByLabel('Changed by (email)');
  }

  apply() {
    return this.page.getByRole('button', { name: 'Apply' });
  }

  from() {
    return this.page.getByLabel('From');
  }

  to() {
    return this.page.getByLabel('To', { exact: true });
  }

  /** What a bad range of days says. */
  alert(text: string) {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  exportCsv() {
    return this.page.getByRole('link', { name: this.say('Export as CSV', 'Exportálás CSV-be') });
  }

  showAllCustomers() {
    return this.page.getByRole('link', { name: 'Show all customers' });
  }

  /** A line of text on the page (the empty log's words, the refusal for other roles). */
  message(text: string) {
    return this.page.getByText(text);
  }
}
