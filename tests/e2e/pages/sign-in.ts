import { PASSWORD } from './accounts';
import { PageObject } from './page-object';

/** `/signin`: e-mail address, password, Sign in. */
export class SignInPage extends PageObject {
  /** Its heading, "Sign in" unless another is asked for. */
  override heading(name: string | RegExp = this.say('Sign in', 'Bejelentkezés')) {
    return super.heading(name);
  }

  email() {
    return this.page.getByLabel(this.say('Email address', 'E-mail-cím'));
  }

  password() {
    return this.page.getByLabel(this.say('Password', 'Jelszó'));
  }

  submit() {
    return this.page.getByRole('button', { name: this.say('Sign in', 'Bejelentkezés') });
  }

  /** The message under a field the form refused before sending. */
  fieldError(text: string) {
    return this.page.getByText(text);
  }

  /** The refusal of a wrong address or password. */
  alert() {
    return this.page.getByRole('alert');
  }

  async goto() {
    await this.page.goto('/signin');
  }

  /** Fills the form and sends it, on whatever page shows it (the sign-in a link led to, say). */
  async signIn(email: string, password = PASSWORD) {
    await this.email().fill(email);
    await this.password().fill(password);
    await this.submit().click();
  }

  /** Opens `/signin` and signs in. */
  async open(email: string, password = PASSWORD) {
    await this.goto();
    await this.signIn(email, password);
  }
}
