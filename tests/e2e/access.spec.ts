import { test, expect, expectAccessible, inviteAndRevoke, startInvitation, ADMIN_AGENT, GLOBAL_ADMIN, SALES_AGENT, TAILSPIN } from './fixtures';

test.describe('keyboard: the skip link and focus after a change of page', () => {
  test('the first Tab reaches "Skip to main content", which moves past the header', async ({ page, signIn, shell, customers }) => {
    await signIn.open(ADMIN_AGENT);
    // After signing in, the new page's heading has focus (and is announced).
    await expect(customers.heading()).toBeFocused();
    await page.reload();
    await expect(customers.heading()).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = shell.skipLink();
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(shell.main()).toBeFocused();
    await expect(page).toHaveURL(/\/customers$/);
    await page.keyboard.press('Tab');
    await expect(customers.requestRelationship()).toBeFocused();
  });

  test('moving to another page focuses its heading; Back and Forward do too', async ({ page, signIn, shell, customers, invitations }) => {
    await signIn.open(ADMIN_AGENT);
    await expect(customers.heading()).toBeFocused();
    await shell.navLink('Invitations').focus();
    await page.keyboard.press('Enter');
    await expect(invitations.heading()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(customers.requestRelationship()).toBeFocused();
    await page.goBack();
    await expect(customers.heading()).toBeFocused();
    await page.goForward();
    await expect(invitations.heading()).toBeFocused();
    // A search changes the query, not the page: focus stays in the box.
    await page.goBack();
    const search = customers.search();
    await search.focus();
    await page.keyboard.type('fab');
    await expect(page).toHaveURL(/q=fab/);
    await expect(search).toBeFocused();
  });

  test('an expanded row keeps the heading order, best practices included', async ({ page, signIn, customers, customer }) => {
    await signIn.open(ADMIN_AGENT);
    await customers.anyDetails().first().press('Enter');
    await expect(customer.section('Account')).toBeVisible();
    await expect(page.getByRole('heading', { level: 3 })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe('forced colours and reduced motion', () => {
  test('badges, the sorted column, disabled buttons and focus rings stay visible in system colours', async ({ page, signIn, shell, customers, invitations }) => {
    await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await signIn.open(SALES_AGENT);
    await expect(customers.heading()).toBeVisible();
    await expectAccessible(page);
    const disabled = customers.requestRelationshipDisabled();
    await expect(disabled).toBeDisabled();
    expect(await disabled.evaluate((b) => getComputedStyle(b).opacity)).toBe('1');
    const sorted = page.locator('th[aria-sort="ascending"]');
    expect(await sorted.evaluate((th) => getComputedStyle(th).textDecorationLine)).toContain('underline');
    // The disclosure arrow does not turn with an animation.
    const arrow = page.locator('.disclosure span').first();
    expect(await arrow.evaluate((s) => getComputedStyle(s).transitionDuration)).toBe('0s');
    // A focus ring drawn by outline, which forced colours keep.
    await customers.search().focus();
    await page.keyboard.press('Shift+Tab');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).toBe('solid');

    await shell.navLink('Invitations').click();
    await expect(invitations.heading()).toBeVisible();
    const badge = page.locator('.badge').first();
    if ((await badge.count()) > 0) {
      expect(await badge.evaluate((b) => getComputedStyle(b).borderTopStyle)).toBe('solid');
    }
    await expectAccessible(page);
  });

  test('every partner page stays accessible in forced colours', async ({ page, signIn, shell, customers, customer, auditLog }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    await signIn.goto();
    await expectAccessible(page);
    await signIn.signIn(GLOBAL_ADMIN);
    await expect(customers.heading()).toBeVisible();
    await customers.customerLink('Árvíztűrő Tükörfúrógép Kft.').click();
    for (const tab of ['Account', 'Subscriptions', 'Users and licenses', 'Admin relationships', 'Service requests']) {
      await customer.openTab(tab);
      await expect(customer.section(tab)).toBeVisible();
      await expect(shell.loading()).toHaveCount(0);
      await expectAccessible(page);
    }
    // The audit log's table needs a record of this partner's: an invitation created and revoked
    // here, so the test does not depend on what other specs wrote before it.
    const created = await inviteAndRevoke(page, 'colours@fabrikam.example');
    expect([created.status, created.revoked]).toEqual([201, 200]);
    await shell.navLink('Audit log').click();
    await expect(auditLog.table()).toBeVisible();
    await expect(auditLog.row(/colours@fabrikam\.example/).first()).toBeVisible();
    await expectAccessible(page);
  });

  test('the request form and its checkbox in forced colours', async ({ page, signIn, customers, requestForm }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    await signIn.open(ADMIN_AGENT);
    await customers.requestRelationship().click();
    const box = requestForm.adminPrivileges();
    await expect(box).toBeChecked();
    expect(await box.evaluate((b: HTMLInputElement) => getComputedStyle(b).appearance)).not.toBe('none');
    await expectAccessible(page);
  });
});

test.describe('Hungarian that reads as written by a person', () => {
  test.use({ locale: 'hu-HU' });

  test('no word of the customer table breaks mid-word, at 1280 px and at 320 px', async ({ page, signIn, customers }) => {
    await signIn.open(ADMIN_AGENT);
    await expect(customers.heading()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('hu');
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await expect(customers.column('Kapcsolat', true)).toBeVisible();
      // Every word of every header and text cell (not ids or domains) stays on one line; a
      // compound may break after its hyphen ("Microsoft-" / "azonosító"), as in print.
      const split = await page.evaluate(() => {
        const broken: string[] = [];
        const cells = document.querySelectorAll('table.customers th, table.customers td:not(.mono):not(.domain)');
        for (const cell of cells) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? '';
            for (const match of text.matchAll(/[^\s-]+/g)) {
              const range = document.createRange();
              range.setStart(node, match.index!);
              range.setEnd(node, match.index! + match[0].length);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (lines.size > 1) broken.push(match[0]);
            }
          }
        }
        return broken;
      });
      expect(split, `at ${width} px`).toEqual([]);
      // The page itself never scrolls sideways; only the table's own region may.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
  });

  test('the e-mail draft names the partner with the right article and says when the link expires', async ({ signIn, customers, requestForm, draft }) => {
    await signIn.open(ADMIN_AGENT);
    await customers.requestRelationship().click();
    await requestForm.next().click();
    const text = draft.text();
    await expect(text).toHaveValue(/\nA Contoso Partner Kft\. szeretné/);
    await expect(text).toHaveValue(/megnyílik a Microsoft 365 Felügyeleti központ\./);
    // 30 days from now, as a Hungarian reader writes dates ("2027. jan. 1.").
    const expires = new Intl.DateTimeFormat('hu-HU', { dateStyle: 'medium' }).format(new Date(Date.now() + 30 * 86_400_000));
    await expect(text).toHaveValue(new RegExp(`eddig érvényes: ${expires.replace(/\./g, '\\.')}`));
    expect(await text.inputValue()).not.toMatch(/a\(z\)/i);
  });
});

test('the English draft says when the link expires', async ({ signIn, customers }) => {
  await signIn.open(ADMIN_AGENT);
  const draft = await startInvitation(customers);
  const expires = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(new Date(Date.now() + 30 * 86_400_000));
  await expect(draft.text()).toHaveValue(new RegExp(`The link works once and expires on ${expires}\\.`));
});

test('Invitations pages like Customers, filters by status and searches by customer e-mail', async ({ page, signIn, shell, customers, invitations }) => {
  await signIn.open(TAILSPIN);
  await expect(customers.heading()).toBeVisible();
  const stamp = `p${Date.now()}`;
  const created = await page.evaluate(async (stamp) => {
    let ok = 0;
    for (let i = 0; i < 55; i++) {
      const r = await fetch('/api/v1/customers/relationshiprequests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ allowDelegatedAccess: true, customerEmail: `${stamp}-${String(i).padStart(2, '0')}@woodgrove.example`, language: 'en' }),
      });
      if (r.status === 201) ok++;
    }
    return ok;
  }, stamp);
  expect(created).toBe(55);

  await shell.navLink('Invitations').click();
  await invitations.search().fill(stamp);
  await expect(page).toHaveURL(new RegExp(`q=${stamp}`));
  const pager = invitations.pager();
  await expect(pager).toContainText('1–50 of 55');
  // Created within a few seconds: newest first by the second, so only the set is checked.
  const emails = async () =>
    (await invitations.row(`${stamp}-`).allTextContents()).map((t) => t.match(new RegExp(`${stamp}-\\d+`))![0]);
  const first = await emails();
  expect(first).toHaveLength(50);
  await invitations.nextPage().click();
  await expect(pager).toContainText('51–55 of 55');
  const second = await emails();
  expect(new Set([...first, ...second]).size).toBe(55);
  await expect(page).toHaveURL(/page=/);
  await page.reload();
  await expect(invitations.pager()).toContainText('51–55 of 55');
  await expect(invitations.search()).toHaveValue(stamp);
  await invitations.previousPage().click();
  await expect(pager).toContainText('1–50 of 55');
  await expectAccessible(page);

  // Revoke one, then show only revoked ones among them.
  const newest = invitations.row(`${first[0]}@`);
  await invitations.revokeAndConfirm(newest);
  await expect(invitations.status('The invitation was revoked.')).toBeVisible();
  await invitations.statusFilter().selectOption({ label: 'Revoked' });
  await expect(page).toHaveURL(/status=revoked/);
  await expect(pager).toContainText('1–1 of 1');
  await expect(invitations.rows().nth(1)).toContainText('Revoked');
  await invitations.statusFilter().selectOption({ label: 'Pending' });
  await expect(pager).toContainText('1–50 of 54');

  await invitations.search().fill(`${stamp}-nobody`);
  await expect(invitations.message('No invitation matches these filters.')).toBeVisible();
  await expectAccessible(page);
  await invitations.clearFilters().click();
  await expect(page).toHaveURL(/\/customers\/invitations$/);
  await expect(invitations.search()).toHaveValue('');
  await expect(invitations.statusFilter()).toHaveValue('');
});

test('a private portal: robots are kept out, and the page has a title and description', async ({ page, request, signIn }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \//);
  const index = await request.get('/customers');
  expect(index.headers()['x-robots-tag']).toBe('noindex, nofollow');
  const html = await index.text();
  expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
  expect(html).toMatch(/<title>Partner Center: customers and reseller relationships<\/title>/);
  expect(html).toMatch(/<meta name="description" content="[^"]{40,}"/);
  await signIn.goto();
  await expect(page).toHaveTitle('Sign in | Partner Center');
});
