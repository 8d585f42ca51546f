import { PageObject } from './page-object';

/** The frame around every signed-in page: header, main navigation, language switch, skip link,
 * and the error panel and loading text any page may show. */
export class Shell extends PageObject {
  banner() {
    return this.page.getByRole('banner');
  }

  navigation(name = this.say('Main', 'Fő navigáció')) {
    return this.page.getByRole('navigation', { name });
  }

  /** A link of the main navigation (Customers, Invitations, Audit log). */
  navLink(name: string) {
    return this.navigation().getByRole('link', { name });
  }

  /** The first link named `name` anywhere on the page (the navigation's or the page's own). */
  link(name: string, exact?: boolean) {
    return this.page.getByRole('link', { name, exact }).first();
  }

  language(name: 'English' | 'Magyar') {
    return this.page.getByRole('button', { name, exact: true });
  }

  signOut() {
    return this.page.getByRole('button', { name: 'Sign out' });
  }

  skipLink() {
    return this.page.getByRole('link', { name: 'Skip to main content' });
  }

  main() {
    return this.page.getByRole('main');
  }

  /** The error panel that says `text` (pages keep empty live regions; the one that speaks counts). */
  alert(text: string | RegExp) {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  /** Any error panel with something to say. */
  speakingAlerts() {
    return this.alert(/\S/);
  }

  /** The error panel's retry. */
  retry(text: string | RegExp) {
    return this.alert(text).getByRole('button', { name: 'Try again' });
  }

  loading() {
    return this.status(/Loading/);
  }
}

/** What any unknown address shows. */
export class NotFoundPage extends PageObject {
  override heading(name: string | RegExp = 'Page not found') {
    return super.heading(name);
  }

  backToCustomers() {
    return this.page.getByRole('link', { name: 'Go to Customers' });
  }
}
