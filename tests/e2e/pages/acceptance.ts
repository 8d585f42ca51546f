import { expect } from '@playwright/test';
import { PageObject } from './page-object';
import { SignInPage } from './sign-in';

/** `/m365-admin/accept#…` or `/office-admin/accept#…`: the customer's side of an invitation, in
 * the portal of the partner's cloud. */
export class AcceptancePage extends PageObject {
  override heading(name: string | RegExp = this.say('Accept agreement & authorize partner', 'Szerződés elfogadása és partner engedélyezése')) {
    return super.heading(name);
  }

  /** The heading of a refused link. */
  refused() {
    return super.heading("This invitation can't be used");
  }

  /** Opens `link`, is sent to sign in, and signs in as `email` on the way. */
  async open(link: string, email: string) {
    await this.page.goto(link);
    await expect(this.page).toHaveURL(/\/signin\?next=/);
    await new SignInPage(this.page, this.lang).signIn(email);
  }

  banner() {
    return this.page.getByRole('banner');
  }

  /** The Customer Agreement checkbox, by its whole label or a part. */
  agreement(label: string | RegExp = new RegExp(this.say('I accept the Microsoft Customer Agreement', 'Elfogadom a Microsoft Ügyfélszerződést'))) {
    return this.page.getByLabel(label);
  }

  agreementLink() {
    return this.page.getByRole('link', { name: /Microsoft Customer Agreement/ });
  }

  checkboxes() {
    return this.page.getByRole('checkbox');
  }

  accept() {
    return this.page.getByRole('button', { name: this.say('Accept & authorize', 'Elfogadás és engedélyezés') });
  }

  /** Why the link cannot be used, or why this person cannot accept it. */
  alert() {
    return this.page.getByRole('alert');
  }

  /** A line of the invitation's explanation. */
  text(text: string | RegExp) {
    return this.page.getByText(text);
  }

  /** A value of the invitation's details (the partner's country, …). */
  detail(text: string) {
    return this.page.getByRole('definition').filter({ hasText: text });
  }
}
