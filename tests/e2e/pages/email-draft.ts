import { expect } from '@playwright/test';
import { PageObject } from './page-object';

/** `/customers/invitations/{id}/email`: the invitation e-mail to edit, copy or open in the mail
 * program, kept unusable while its link is broken. */
export class EmailDraftPage extends PageObject {
  override heading(name: string | RegExp = 'Customer list | Create a relationship request') {
    return super.heading(name);
  }

  text() {
    return this.page.getByLabel(this.say('Email text', 'E-mail szövege'));
  }

  /** The invitation link in the draft. */
  async link() {
    const text = await this.text().inputValue();
    const match = text.match(/https?:\/\/\S+\/accept#[A-Za-z0-9_-]{43}/);
    expect(match).not.toBeNull();
    return match![0];
  }

  /** "Open in email": a `mailto:` link while the link is in the text, a disabled button when not. */
  openInEmail() {
    return this.page.getByRole('link', { name: 'Open in email' });
  }

  openInEmailDisabled() {
    return this.page.getByRole('button', { name: 'Open in email' });
  }

  copy() {
    return this.page.getByRole('button', { name: this.say('Copy to clipboard', 'Másolás a vágólapra') });
  }

  done() {
    return this.page.getByRole('button', { name: this.say('Done', 'Kész') });
  }

  restoreLink() {
    return this.page.getByRole('button', { name: 'Restore link' });
  }

  /** What a broken link says. */
  alert() {
    return this.page.getByRole('alert');
  }
}
