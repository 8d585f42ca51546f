import { PageObject } from './page-object';

/** `/customers/request`: the options of a reseller relationship request (admin privileges, the
 * customer's e-mail address, the e-mail's language). */
export class RequestFormPage extends PageObject {
  override heading(name: string | RegExp = this.say('Request a reseller relationship', 'Viszonteladói kapcsolat kérése')) {
    return super.heading(name);
  }

  adminPrivileges() {
    return this.page.getByLabel(
      this.say(
        'Include delegated administration privileges for Azure Active Directory and Office 365',
        'Delegált rendszergazdai jogosultságok belefoglalása az Azure Active Directoryhoz és az Office 365-höz',
      ),
    );
  }

  customerEmail() {
    return this.page.getByLabel("Customer's email address (optional)");
  }

  language() {
    return this.page.getByLabel(this.say('Language of the email', 'Az e-mail nyelve'));
  }

  next() {
    return this.page.getByRole('button', { name: this.say('Next', 'Tovább') });
  }

  cancel() {
    return this.page.getByRole('link', { name: 'Cancel' });
  }

  /** A line of the form's explanation (the region rule, the US Government rule). */
  text(text: string | RegExp) {
    return this.page.getByText(text);
  }
}
