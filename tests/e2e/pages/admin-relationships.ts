import { expect } from '@playwright/test';
import { EmailDraftPage } from './email-draft';
import { PageObject } from './page-object';
import { SignInPage } from './sign-in';

/** `/admin-relationships` (and a customer's Admin relationships tab): the partner's granular
 * admin relationships with their search, status filter and "Ending within 30 days" view. */
export class AdminRelationshipsPage extends PageObject {
  override heading(name: string | RegExp = this.say('Admin relationships', 'Rendszergazdai kapcsolatok')) {
    return super.heading(name);
  }

  async goto(query = '') {
    await this.page.goto(`/admin-relationships${query}`);
  }

  requestNew() {
    return this.page.getByRole('link', { name: this.say('Request for new relationship', 'Új kapcsolat kérése') });
  }

  /** The disabled button of someone who may not request, with its reason. */
  requestNewDisabled() {
    return this.page.getByRole('button', { name: this.say('Request for new relationship', 'Új kapcsolat kérése') });
  }

  table() {
    return this.page.getByRole('table', { name: this.say('Admin relationships', 'Rendszergazdai kapcsolatok') });
  }

  row(name: string | RegExp) {
    return this.table().getByRole('row', { name });
  }

  rows() {
    return this.table().getByRole('row');
  }

  search() {
    return this.page.getByRole('searchbox', { name: this.say('Search relationships', 'Keresés a kapcsolatok között') });
  }

  statusFilter() {
    return this.page.getByLabel(this.say('Status', 'Állapot'), { exact: true });
  }

  endingView() {
    return this.page.getByRole('link', { name: this.say('Ending within 30 days', '30 napon belül lejár') });
  }

  allView() {
    return this.page.getByRole('link', { name: this.say('All relationships', 'Minden kapcsolat') });
  }
}

/** `/admin-relationships/new`: Create an admin relationship request, and its role dialog. */
export class RelationshipRequestPage extends PageObject {
  override heading(name: string | RegExp = this.say('Create an admin relationship request', 'Rendszergazdai kapcsolat kérésének létrehozása')) {
    return super.heading(name);
  }

  async goto(query = '') {
    await this.page.goto(`/admin-relationships/new${query}`);
  }

  name() {
    return this.page.getByLabel(this.say('Admin relationship name', 'Rendszergazdai kapcsolat neve'));
  }

  /** The Customer group: a search field, Any customer and the customers the search found. */
  customerGroup() {
    return this.page.getByRole('group', { name: this.say('Customer', 'Ügyfél'), exact: true });
  }

  customerSearch() {
    return this.customerGroup().getByRole('searchbox', { name: this.say('Find a customer', 'Ügyfél keresése') });
  }

  /** A customer offered as a choice, by its company name. */
  customerChoice(name: string) {
    return this.customerGroup().getByRole('radio', { name, exact: true });
  }

  /** Every choice, Any customer first. */
  customerChoices() {
    return this.customerGroup().getByRole('radio');
  }

  anyCustomer() {
    return this.customerGroup().getByRole('radio', { name: new RegExp(`^${this.say('Any customer', 'Bármely ügyfél')}`) });
  }

  /** The line under the choices (searching, how many were found, nothing matches). */
  customerStatus() {
    return this.customerGroup().getByRole('status');
  }

  /** Finds a customer by typing `typed` into the search field, then chooses `name` by
   * keyboard: Tab to the choices, arrows down to it. */
  async chooseCustomer(typed: string, name: string) {
    await this.customerSearch().fill('');
    await this.customerSearch().pressSequentially(typed);
    await expect(this.customerChoice(name)).toBeVisible();
    await this.page.keyboard.press('Tab');
    const choices = this.customerChoices();
    for (let i = await choices.count(); i > 0 && !(await this.customerChoice(name).isChecked()); i--) {
      await this.page.keyboard.press('ArrowDown');
    }
    await expect(this.customerChoice(name)).toBeChecked();
  }

  duration() {
    return this.page.getByLabel(this.say('Duration in days', 'Időtartam napokban'));
  }

  selectRoles() {
    return this.page.getByRole('button', { name: this.say('Select Microsoft Entra roles', 'Microsoft Entra-szerepkörök kiválasztása') });
  }

  /** The roles chosen so far, as the form lists them. */
  chosenRoles() {
    return this.page.getByRole('list', { name: this.say('Requested Microsoft Entra roles', 'Kért Microsoft Entra-szerepkörök') });
  }

  dialog() {
    return this.page.getByRole('dialog', { name: this.say('Select Microsoft Entra roles', 'Microsoft Entra-szerepkörök kiválasztása') });
  }

  dialogSearch() {
    return this.dialog().getByRole('searchbox', { name: this.say('Search roles', 'Szerepkörök keresése') });
  }

  role(name: string) {
    return this.dialog().getByRole('checkbox', { name, exact: true });
  }

  /** A group of the dialog, by its name. */
  group(name: string) {
    return this.dialog().getByRole('group', { name });
  }

  save() {
    return this.dialog().getByRole('button', { name: this.say('Save', 'Mentés') });
  }

  /** Chooses roles in the dialog with the mouse and saves. */
  async chooseRoles(names: string[]) {
    await this.selectRoles().click();
    for (const name of names) {
      await this.dialogSearch().fill(name);
      await this.role(name).check();
    }
    await this.save().click();
    await expect(this.dialog()).toBeHidden();
  }

  autoExtend(yes: boolean) {
    return this.page.getByRole('radio', { name: yes ? this.say('Yes', 'Igen') : this.say('No', 'Nem') });
  }

  finalize() {
    return this.page.getByRole('button', { name: this.say('Finalize request', 'Kérés véglegesítése') });
  }

  /** A message under a field, or the form's summary. */
  message(text: string | RegExp) {
    return this.page.getByText(text);
  }
}

/** `/admin-relationships/{id}/email`: the approval e-mail, with the invitation draft's tools. */
export class ApprovalEmailPage extends EmailDraftPage {
  override heading(name: string | RegExp = this.say('Create an admin relationship request', 'Rendszergazdai kapcsolat kérésének létrehozása')) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  override text() {
    return this.page.getByLabel(this.say('Email text', 'E-mail szövege'));
  }

  /** The approval link in the e-mail. */
  override async link() {
    const text = await this.text().inputValue();
    const match = text.match(/https?:\/\/\S+\/approve-roles#token=[A-Za-z0-9_-]+/);
    expect(match).not.toBeNull();
    return match![0];
  }

  openInEmailLink() {
    return this.page.getByRole('link', { name: this.say('Open in email', 'Megnyitás levelezőprogramban') });
  }
}

/** `/admin-relationships/{id}`: one relationship, its roles, history, security groups and
 * Terminate relationship. */
export class RelationshipPage extends PageObject {
  /** The relationship's status (or the "Ending soon" mark) as the page shows it. */
  statusText(text: string) {
    return this.page.getByRole('main').getByText(text, { exact: true }).first();
  }

  table(name: string) {
    return this.page.getByRole('table', { name });
  }

  roles() {
    return this.table(this.say('Microsoft Entra roles', 'Microsoft Entra-szerepkörök'));
  }

  history() {
    return this.table(this.say('Status history', 'Állapotváltozások'));
  }

  groups() {
    return this.table(this.say('Security groups', 'Biztonsági csoportok'));
  }

  groupRow(name: string) {
    return this.groups().getByRole('row', { name });
  }

  groupSelect() {
    return this.page.getByLabel(this.say('Security group', 'Biztonsági csoport'), { exact: true });
  }

  /** A role's checkbox in the Add security group form. */
  addRole(name: string) {
    return this.page.getByRole('group', { name: this.say('Roles for this group', 'A csoport szerepkörei') }).getByRole('checkbox', { name });
  }

  add() {
    return this.page.getByRole('button', { name: this.say('Add security group', 'Biztonsági csoport hozzáadása') });
  }

  changeRoles(group: string) {
    return this.groupRow(group).getByRole('button', { name: this.say('Change roles', 'Szerepkörök módosítása') });
  }

  /** A role's checkbox while a group's roles are being changed. */
  editRole(group: string, role: string) {
    return this.groupRow(group).getByRole('checkbox', { name: role });
  }

  saveRoles(group: string) {
    return this.groupRow(group).getByRole('button', { name: this.say('Save', 'Mentés') });
  }

  remove(group: string) {
    return this.groupRow(group).getByRole('button', { name: this.say('Remove', 'Eltávolítás'), exact: true });
  }

  confirmRemove(group: string) {
    return this.groupRow(group).getByRole('button', { name: this.say('Remove security group', 'Biztonsági csoport eltávolítása') });
  }

  terminate() {
    return this.page.getByRole('button', { name: this.say('Terminate relationship', 'Kapcsolat megszüntetése') });
  }

  confirmTerminate() {
    return this.page.getByRole('alertdialog').getByRole('button', { name: this.say('Terminate', 'Megszüntetés'), exact: true });
  }

  newLink() {
    return this.page.getByRole('button', { name: this.say('Replace the approval link', 'A jóváhagyási hivatkozás cseréje') });
  }

  confirmNewLink() {
    return this.page.getByRole('alertdialog').getByRole('button', { name: this.say('Make a new link', 'Új hivatkozás készítése') });
  }

  writeEmail() {
    return this.page.getByRole('link', { name: this.say('Write the approval e-mail', 'A jóváhagyást kérő e-mail megírása') });
  }
}

/** `/m365-admin/approve-roles#token=…`: Approve partner roles, in the customer's portal. */
export class ApproveRolesPage extends PageObject {
  override heading(name: string | RegExp = this.say('Approve partner roles', 'Partnerszerepkörök jóváhagyása')) {
    return super.heading(name);
  }

  refused() {
    return super.heading(this.say("This request can't be approved", 'Ez a kérés nem hagyható jóvá'));
  }

  /** Opens `link`, is sent to sign in, and signs in as `email` on the way. */
  async open(link: string, email: string) {
    await this.page.goto(link);
    await expect(this.page).toHaveURL(/\/signin\?next=/);
    await new SignInPage(this.page, this.lang).signIn(email);
  }

  section(name: string) {
    return this.page.getByRole('heading', { level: 2, name });
  }

  text(text: string | RegExp) {
    return this.page.getByText(text);
  }

  /** A requested role, by its name (a term of the role list). */
  role(name: string) {
    return this.page.getByRole('term').filter({ hasText: name });
  }

  approveAll() {
    return this.page.getByRole('button', { name: this.say('Approve all', 'Az összes jóváhagyása') });
  }

  cancel() {
    return this.page.getByRole('link', { name: this.say('Cancel', 'Mégse') });
  }

  alert() {
    return this.page.getByRole('alert').filter({ hasText: /\S/ });
  }
}
