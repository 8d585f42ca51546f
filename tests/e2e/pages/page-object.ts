import type { Page } from '@playwright/test';

/** The two languages of the interface. */
export type Lang = 'en' | 'hu';

/** What every page object shares: the page, the language its labels are in, and the one `<h1>`. */
export abstract class PageObject {
  constructor(
    readonly page: Page,
    readonly lang: Lang = 'en',
  ) {}

  /** A label in the page object's language. A Hungarian label not written here yet fails loudly
   * instead of quietly looking for the English one. */
  protected say(en: string, hu?: string): string {
    if (this.lang === 'en') return en;
    if (hu === undefined) throw new Error(`no Hungarian label for "${en}" yet`);
    return hu;
  }

  /** The page's heading (level 1). */
  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** A live message (Copied, revoked, …) with this text. */
  status(text: string | RegExp) {
    return this.page.getByRole('status').filter({ hasText: text });
  }
}
