import type { Locator } from '@playwright/test';
import { PageObject } from './page-object';

/** `/customers/invitations`: the partner's invitations, searched by customer e-mail, filtered by
 * status, paged, with Copy link and Revoke on each pending one. */
export class InvitationsPage extends PageObject {
  override heading(name: string | RegExp = this.say('Invitations', 'Meghívások')) {
    return super.heading(name);
  }

  async goto(query = '') {
    await this.page.goto(`/customers/invitations${query}`);
  }

  search() {
    return this.page.getByLabel('Search by customer email');
  }

  statusFilter() {
    return this.page.getByLabel('Status');
  }

  clearFilters() {
    return this.page.getByRole('button', { name: 'Clear filters' });
  }

  pager() {
    return this.page.getByRole('navigation', { name: 'Pages' });
  }

  nextPage() {
    return this.pager().getByRole('link', { name: 'Next page' });
  }

  previousPage() {
    return this.pager().getByRole('link', { name: 'Previous page' });
  }

  /** Every row of the page (the header row first). */
  rows() {
    return this.page.getByRole('row');
  }

  /** The rows that mention `text` (a customer e-mail, "Accepted by …"). */
  row(text: string | RegExp) {
    return this.rows().filter({ hasText: text });
  }

  copyLink(row: Locator) {
    return row.getByRole('button', { name: 'Copy link' });
  }

  /** Revoke asks first, inside the row; "Revoke invitation" confirms. */
  revoke(row: Locator) {
    return row.getByRole('button', { name: 'Revoke', exact: true });
  }

  confirmRevoke(row: Locator) {
    return row.getByRole('button', { name: 'Revoke invitation' });
  }

  async revokeAndConfirm(row: Locator) {
    await this.revoke(row).click();
    await this.confirmRevoke(row).click();
  }

  /** A line of text on the page (the empty list's words). */
  message(text: string | RegExp) {
    return this.page.getByText(text);
  }
}
