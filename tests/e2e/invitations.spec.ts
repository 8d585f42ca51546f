import { test, expect, expectAccessible, ADMIN_AGENT, SALES_AGENT, TAILSPIN, startInvitation } from './fixtures';

/** The text a mail program gets from a mailto: URL's field. */
function mailtoField(href: string, name: string) {
  const query = href.slice(href.indexOf('?') + 1);
  const pair = query.split('&').find((p) => p.startsWith(`${name}=`))!;
  return decodeURIComponent(pair.slice(name.length + 1));
}

test('an admin agent requests a relationship, sends the e-mail, and follows the invitation', async ({ page, context, signIn, shell, customers, requestForm, draft, invitations }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn.open(ADMIN_AGENT);
  await expect(customers.heading()).toBeVisible();

  await customers.requestRelationship().click();
  await expect(requestForm.adminPrivileges()).toBeChecked();
  await expect(requestForm.adminPrivileges()).toBeEnabled();
  await expect(requestForm.text('only with customers in your country or region: Hungary')).toBeVisible();
  await expect(requestForm.language()).toHaveValue('en');
  await expectAccessible(page);
  await requestForm.cancel().click();
  await expect(customers.heading()).toBeVisible();

  await startInvitation(customers, 'anna@fabrikam.example');
  const text = await draft.text().inputValue();
  const link = await draft.link();
  expect(text).toContain('Contoso Partner Kft.');
  expect(text).toContain('Global admin');
  expect(link).toContain('/m365-admin/accept#');
  await expectAccessible(page);

  // Open in email carries exactly the text, encoded, with the To: line.
  await draft.text().fill(`${text}\nP.S. 50% & more? #yes = ok 😀`);
  const edited = await draft.text().inputValue();
  const href = (await draft.openInEmail().getAttribute('href'))!;
  expect(href.startsWith('mailto:anna@fabrikam.example?subject=')).toBe(true);
  expect(mailtoField(href, 'body')).toBe(edited.replace(/\r?\n/g, '\r\n'));
  expect(mailtoField(href, 'subject')).toBe('Contoso Partner Kft. invites you to a reseller relationship');
  expect(href).not.toMatch(/[\r\n ]/);

  // Copy puts exactly that text on the clipboard and says so.
  await draft.copy().click();
  await expect(draft.status('Copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(edited);

  // Breaking the link disables the actions until it is restored.
  await draft.text().fill(edited.replace(link, link.slice(0, -3)));
  await expect(draft.alert()).toContainText('The invitation link was removed or changed.');
  await expect(draft.copy()).toBeDisabled();
  await expect(draft.done()).toBeDisabled();
  await expect(draft.openInEmailDisabled()).toBeDisabled();
  await expectAccessible(page);
  await draft.restoreLink().click();
  await expect(draft.text()).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(draft.done()).toBeEnabled();
  await expect(draft.openInEmail()).toBeVisible();

  await draft.done().click();
  await expect(customers.heading()).toBeVisible();
  await expect(customers.message('The invitation is waiting for the customer to accept.')).toBeVisible();

  // The invitations list shows it pending, with the same link, and Revoke makes it revoked.
  await shell.link('Invitations', true).click();
  await expect(invitations.heading()).toBeVisible();
  const row = invitations.row('anna@fabrikam.example');
  await expect(row).toContainText('Pending');
  await expect(row).toContainText(ADMIN_AGENT);
  await expect(row).toContainText('Requested');
  await expectAccessible(page);
  await invitations.copyLink(row).click();
  await expect(invitations.status('Link copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await invitations.revoke(row).click();
  await expect(row.getByText('Revoke this invitation? Its link stops working at once.')).toBeVisible();
  await expectAccessible(page);
  await invitations.confirmRevoke(row).click();
  await expect(invitations.status('The invitation was revoked.')).toBeVisible();
  const revoked = invitations.row('anna@fabrikam.example');
  await expect(revoked).toContainText('Revoked');
  await expect(invitations.copyLink(revoked)).toHaveCount(0);
});

test('where the clipboard is refused, the text is selected and the user told how to copy', async ({ page, signIn, customers, draft }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await signIn.open(ADMIN_AGENT);
  await startInvitation(customers);
  await draft.copy().click();
  await expect(draft.status('Press Ctrl+C')).toBeVisible();
  await expect(draft.text()).toBeFocused();
  const selection = await draft.text().evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd, el.value.length]);
  expect(selection[0]).toBe(0);
  expect(selection[1]).toBe(selection[2]);
});

test('a US Government partner cannot leave out admin privileges', async ({ page, signIn, customers, requestForm, draft }) => {
  await signIn.open(TAILSPIN);
  await customers.requestRelationship().click();
  await expect(requestForm.adminPrivileges()).toBeChecked();
  await expect(requestForm.adminPrivileges()).toBeDisabled();
  await expect(requestForm.text('must include delegated administration privileges')).toBeVisible();
  await expect(requestForm.text('your country or region: United States')).toBeVisible();
  await expectAccessible(page);
  await requestForm.next().click();
  await expect(draft.text()).toHaveValue(/\/office-admin\/accept#/);
  await expect(draft.text()).toHaveValue(/Microsoft Office admin portal/);
});

test('a sales agent sees the action disabled with the reason', async ({ page, signIn, customers }) => {
  await signIn.open(SALES_AGENT);
  await expect(customers.heading()).toBeVisible();
  const action = customers.requestRelationshipDisabled();
  await expect(action).toBeDisabled();
  await expect(action).toHaveAccessibleDescription('Only Admin agents and Global admins can request reseller relationships.');
  await expectAccessible(page);
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the whole flow works and the e-mail is Hungarian', async ({ page, context, signIn, shell, customers, requestForm, draft, invitations }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn.open(ADMIN_AGENT);
    await customers.requestRelationship().click();
    await expect(requestForm.adminPrivileges()).toBeChecked();
    await expect(requestForm.language()).toHaveValue('hu');
    await expect(requestForm.text('Magyarország')).toBeVisible();
    await expectAccessible(page);
    await requestForm.next().click();
    const text = draft.text();
    await expect(text).toHaveValue(/Tisztelt Ügyfelünk!/);
    await expect(text).toHaveValue(/globális rendszergazdája/);
    await expectAccessible(page);
    await draft.copy().click();
    await expect(draft.status('Másolva')).toBeVisible();
    await draft.done().click();
    await expect(customers.message('A meghívás az ügyfél elfogadására vár.')).toBeVisible();
    await shell.link('Meghívások').click();
    await expect(invitations.heading()).toBeVisible();
    await expect(invitations.rows().nth(1)).toContainText('Függőben');
    await expectAccessible(page);
  });
});
