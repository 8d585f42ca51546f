import { PageObject } from './page-object';

/** The customer's Partner relationships: its partners and their admin roles, which a Global admin
 * may remove. */
export class PartnerRelationshipsPage extends PageObject {
  override heading(name: string | RegExp = this.say('Partner relationships', 'Partnerkapcsolatok')) {
    return super.heading(name);
  }

  /** The partner's row, by (part of) its name. */
  row(partner: string | RegExp) {
    return this.page.getByRole('table', { name: this.say('Partner relationships', 'Partnerkapcsolatok') }).getByRole('row', { name: partner });
  }

  removeRoles(partner: string | RegExp) {
    return this.row(partner).getByRole('button', { name: 'Remove roles' });
  }

  confirmRemoveRoles(partner: string | RegExp) {
    return this.row(partner).getByRole('button', { name: 'Remove admin roles' });
  }

  /** A line of text on the page (the confirmation after a change). */
  message(text: string) {
    return this.page.getByText(text);
  }

  /** The granular admin relationships' table. */
  granular() {
    return this.page.getByRole('table', { name: this.say('Granular admin relationships', 'Részletes rendszergazdai kapcsolatok') });
  }

  granularRow(name: string | RegExp) {
    return this.granular().getByRole('row', { name });
  }

  terminate(name: string | RegExp) {
    return this.granularRow(name).getByRole('button', { name: this.say('Terminate', 'Megszüntetés'), exact: true });
  }

  confirmTerminate(name: string | RegExp) {
    return this.granularRow(name).getByRole('alertdialog').getByRole('button', { name: this.say('Terminate', 'Megszüntetés'), exact: true });
  }
}
