import { test, expect, expectAccessible, ADMIN_AGENT } from './fixtures';

/** The text a mail program gets from a mailto: URL's field. */
function mailtoField(href: string, name: string) {
  const query = href.slice(href.indexOf('?') + 1);
  const pair = query.split('&').find((p) => p.startsWith(`${name}=`))!;
  return decodeURIComponent(pair.slice(name.length + 1));
}

test('an admin agent requests a relationship, sends the e-mail, and follows the invitation', async ({ page, context, signIn, shell, flow }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/signin');
  await signIn.signIn(ADMIN_AGENT);
  await expect(shell.heading('Customers')).toBeVisible();

  await page.getByRole('link', { name: 'Request a reseller relationship' }).click();
  await expect(flow.adminCheckbox()).toBeChecked();
  await expect(flow.adminCheckbox()).toBeEnabled();
  await expect(page.getByText('only with customers in your country or region: Hungary')).toBeVisible();
  await expect(page.getByLabel('Language of the email')).toHaveValue('en');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(shell.heading('Customers')).toBeVisible();

  await flow.start('anna@fabrikam.example');
  const text = await flow.emailText().inputValue();
  const link = await flow.link();
  expect(text).toContain('Contoso Partner Kft.');
  expect(text).toContain('Global admin');
  expect(link).toContain('/m365-admin/accept#');
  await expectAccessible(page);

  // Open in email carries exactly the text, encoded, with the To: line.
  await flow.emailText().fill(`${text}\nP.S. 50% & more? #yes = ok 😀`);
  const edited = await flow.emailText().inputValue();
  const href = (await page.getByRole('link', { name: 'Open in email' }).getAttribute('href'))!;
  expect(href.startsWith('mailto:anna@fabrikam.example?subject=')).toBe(true);
  expect(mailtoField(href, 'body')).toBe(edited.replace(/\r?\n/g, '\r\n'));
  expect(mailtoField(href, 'subject')).toBe('Contoso Partner Kft. invites you to a reseller relationship');
  expect(href).not.toMatch(/[\r\n ]/);

  // Copy puts exactly that text on the clipboard and says so.
  await page.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(edited);

  // Breaking the link disables the actions until it is restored.
  await flow.emailText().fill(edited.replace(link, link.slice(0, -3)));
  await expect(page.getByRole('alert')).toContainText('The invitation link was removed or changed.');
  await expect(page.getByRole('button', { name: 'Copy to clipboard' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Done' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Open in email' })).toBeDisabled();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Restore link' }).click();
  await expect(flow.emailText()).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(page.getByRole('button', { name: 'Done' })).toBeEnabled();
  await expect(page.getByRole('link', { name: 'Open in email' })).toBeVisible();

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(shell.heading('Customers')).toBeVisible();
  await expect(page.getByText('The invitation is waiting for the customer to accept.')).toBeVisible();

  // The invitations list shows it pending, with the same link, and Revoke makes it revoked.
  await page.getByRole('link', { name: 'Invitations', exact: true }).first().click();
  await expect(shell.heading('Invitations')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'anna@fabrikam.example' });
  await expect(row).toContainText('Pending');
  await expect(row).toContainText(ADMIN_AGENT);
  await expect(row).toContainText('Requested');
  await expectAccessible(page);
  await row.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(row.getByText('Revoke this invitation? Its link stops working at once.')).toBeVisible();
  await expectAccessible(page);
  await row.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The invitation was revoked.' })).toBeVisible();
  const revoked = page.getByRole('row').filter({ hasText: 'anna@fabrikam.example' });
  await expect(revoked).toContainText('Revoked');
  await expect(revoked.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
});

test('where the clipboard is refused, the text is selected and the user told how to copy', async ({ page, signIn, flow }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await page.goto('/signin');
  await signIn.signIn(ADMIN_AGENT);
  await flow.start();
  await page.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Press Ctrl+C' })).toBeVisible();
  await expect(flow.emailText()).toBeFocused();
  const selection = await flow.emailText().evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd, el.value.length]);
  expect(selection[0]).toBe(0);
  expect(selection[1]).toBe(selection[2]);
});

test('a US Government partner cannot leave out admin privileges', async ({ page, signIn, flow }) => {
  await page.goto('/signin');
  await signIn.signIn('adminagent@tailspin-federal.example');
  await page.getByRole('link', { name: 'Request a reseller relationship' }).click();
  await expect(flow.adminCheckbox()).toBeChecked();
  await expect(flow.adminCheckbox()).toBeDisabled();
  await expect(page.getByText('must include delegated administration privileges')).toBeVisible();
  await expect(page.getByText('your country or region: United States')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(flow.emailText()).toHaveValue(/\/office-admin\/accept#/);
  await expect(flow.emailText()).toHaveValue(/Microsoft Office admin portal/);
});

test('a sales agent sees the action disabled with the reason', async ({ page, signIn, shell }) => {
  await page.goto('/signin');
  await signIn.signIn('salesagent@contoso-partner.example');
  await expect(shell.heading('Customers')).toBeVisible();
  const action = page.getByRole('button', { name: 'Request a reseller relationship' });
  await expect(action).toBeDisabled();
  await expect(action).toHaveAccessibleDescription('Only Admin agents and Global admins can request reseller relationships.');
  await expectAccessible(page);
});

test.describe('in Hungarian', () => {
  test.use({ locale: 'hu-HU' });

  test('the whole flow works and the e-mail is Hungarian', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/signin');
    await page.getByLabel('E-mail-cím').fill(ADMIN_AGENT);
    await page.getByLabel('Jelszó').fill('Demo-Passw0rd!');
    await page.getByRole('button', { name: 'Bejelentkezés' }).click();
    await page.getByRole('link', { name: 'Viszonteladói kapcsolat kérése' }).click();
    await expect(page.getByLabel('Delegált rendszergazdai jogosultságok belefoglalása az Azure Active Directoryhoz és az Office 365-höz')).toBeChecked();
    await expect(page.getByLabel('Az e-mail nyelve')).toHaveValue('hu');
    await expect(page.getByText('Magyarország')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Tovább' }).click();
    const text = page.getByLabel('E-mail szövege');
    await expect(text).toHaveValue(/Tisztelt Ügyfelünk!/);
    await expect(text).toHaveValue(/globális rendszergazdája/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Másolás a vágólapra' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Másolva' })).toBeVisible();
    await page.getByRole('button', { name: 'Kész' }).click();
    await expect(page.getByText('A meghívás az ügyfél elfogadására vár.')).toBeVisible();
    await page.getByRole('link', { name: 'Meghívások' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Meghívások' })).toBeVisible();
    await expect(page.getByRole('row').nth(1)).toContainText('Függőben');
    await expectAccessible(page);
  });
});
