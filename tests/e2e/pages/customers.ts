import type { Locator } from '@playwright/test';
import { PageObject } from './page-object';

/** `/customers`: the partner's customer list with its search, sorting, paging and expandable
 * rows, and the way into the request flow. */
export class CustomersPage extends PageObject {
  /** "Customer list | Customers", as the real Partner Center titles it. */
  override heading(name: string | RegExp = this.say('Customer list | Customers', 'Ügyféllista | Ügyfelek')) {
    return super.heading(name);
  }

  async goto(query = '') {
    await this.page.goto(`/customers${query}`);
  }

  table() {
    return this.page.getByRole('table', { name: this.say('Customers', 'Ügyfelek') });
  }

  /** A row of the table, by (part of) its accessible name. */
  row(name: string | RegExp) {
    return this.table().getByRole('row', { name });
  }

  rows() {
    return this.table().getByRole('row');
  }

  /** The row headers (company names), in order. */
  rowHeaders() {
    return this.table().getByRole('rowheader');
  }

  column(name: string, exact?: boolean) {
    return this.table().getByRole('columnheader', { name, exact });
  }

  /** A column's sort button. */
  sortButton(column: string) {
    return this.column(column, true).getByRole('button');
  }

  /** Sorts by a column (again: the other way). */
  async sortBy(column: string, exact?: boolean) {
    await this.column(column, exact).getByRole('button').click();
  }

  search() {
    return this.page.getByRole('searchbox', { name: this.say('Search customers', 'Ügyfelek keresése') });
  }

  clearSearch() {
    return this.page.getByRole('button', { name: 'Clear search' });
  }

  /** What a search that matches nothing says. */
  noMatch(text: string) {
    return this.page.getByText(`No customer's name or domain starts with “${text}”.`);
  }

  /** The range line under the list, e.g. "51–100 of 120 customers". */
  range(text: string | RegExp) {
    return this.page.getByText(text);
  }

  nextPage() {
    return this.page.getByRole('link', { name: 'Next page' });
  }

  previousPage() {
    return this.page.getByRole('link', { name: 'Previous page' });
  }

  rowsPerPage() {
    return this.page.getByRole('combobox', { name: 'Rows per page' });
  }

  /** The disclosure button of a customer's row. */
  details(customer: string) {
    return this.page.getByRole('button', { name: this.say(`Details for ${customer}`, `${customer} részletei`) });
  }

  /** Every row's disclosure button. */
  anyDetails() {
    return this.page.getByRole('button', { name: /^Details for / });
  }

  /** The panel a disclosure button opens. */
  async panel(details: Locator) {
    return this.page.locator(`#${await details.getAttribute('aria-controls')}`);
  }

  /** The customer's name, a link to the customer's own pages. */
  customerLink(name: string, exact?: boolean) {
    return this.page.getByRole('link', { name, exact });
  }

  /** Searches for `search` and opens the customer named `name`. */
  async openCustomer(search: string, name: string) {
    await this.search().fill(search);
    await this.customerLink(name, true).click();
  }

  /** The way into the request flow; a button, disabled with its reason, for those who may not. */
  requestRelationship() {
    return this.page.getByRole('link', { name: this.say('Request a reseller relationship', 'Viszonteladói kapcsolat kérése') });
  }

  requestRelationshipDisabled() {
    return this.page.getByRole('button', { name: 'Request a reseller relationship' });
  }

  /** A line of text on the page: a one-shot confirmation, the empty list's words. */
  message(text: string | RegExp, exact?: boolean) {
    return this.page.getByText(text, { exact });
  }

  /** The refusal of a page token that no longer fits, and its way back. */
  outOfDate() {
    return this.page.getByRole('alert');
  }

  firstPageLink() {
    return this.page.getByRole('link', { name: 'Go to the first page' });
  }
}
