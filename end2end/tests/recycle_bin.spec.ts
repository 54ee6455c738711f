// The recycle bin: a deal deleted from its card leaves the list and its card is gone for its
// owner; another deleted from the list with others; an administrator sees both in the bin,
// restores one whole, and deletes the other for good.
import { createDeal, DEMO, expect, field, hydrated, open, signIn, test, unique } from './helpers';

test('deleted deals leave the list, come back whole when restored, and go for good when purged', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.anna);
  const kept = unique('Bin kept');
  const purged = unique('Bin purged');
  const keptId = await createDeal(page, baseURL!, kept, { probability: { t: 'text', v: '35' } });
  const purgedId = await createDeal(page, baseURL!, purged);

  // From the card: asks first, then the list no longer has it and its address is "not found".
  await open(page, `/crm/deal/${keptId}`);
  await page.locator('.card-header').getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('recycle bin');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/crm\/deal$/);
  await open(page, `/crm/deal?q=${encodeURIComponent(kept)}`);
  await expect(page.getByText('Nothing found.')).toBeVisible();
  await page.goto(`/crm/deal/${keptId}`);
  await expect(page.getByRole('heading', { name: 'Page not found.' })).toBeVisible();

  // From the list: tick the row, Delete selected, confirm.
  await open(page, `/crm/deal?q=${encodeURIComponent(purged)}`);
  await page.locator(`input[data-choose="${purgedId}"]`).check();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Nothing found.')).toBeVisible();

  // Anna's bin holds her two; Marco's holds neither.
  await page.locator('.user').getByRole('link', { name: 'Recycle bin' }).click();
  await hydrated(page);
  await expect(page.locator('table.bin')).toContainText(kept);
  await expect(page.locator('table.bin')).toContainText(purged);
  const marcoContext = await browser.newContext();
  const marco = await marcoContext.newPage();
  await signIn(marco, DEMO.marco);
  await open(marco, '/settings/recycle-bin');
  await expect(marco.locator('body')).not.toContainText(kept);
  await marcoContext.close();

  // The administrator restores one (whole: its value and timeline) and purges the other.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO.admin);
  await open(admin, `/crm/deal/${keptId}`);
  await expect(admin.locator('.in-bin')).toContainText('In the recycle bin');
  await open(admin, '/settings/recycle-bin');
  await admin.locator(`tr[data-bin-item="${keptId}"] input[type=checkbox]`).check();
  await admin.getByRole('button', { name: 'Restore' }).click();
  await expect(admin.locator(`tr[data-bin-item="${keptId}"]`)).toHaveCount(0);
  await admin.locator(`tr[data-bin-item="${purgedId}"] input[type=checkbox]`).check();
  await admin.getByRole('button', { name: 'Delete permanently' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Delete permanently' }).click();
  await expect(admin.locator(`tr[data-bin-item="${purgedId}"]`)).toHaveCount(0);
  await adminContext.close();

  await open(page, `/crm/deal/${keptId}`);
  await expect(page.locator('.card-title')).toHaveText(kept);
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('35');
  await expect(page.locator('.timeline .event.created')).toHaveCount(1);
  await page.goto(`/crm/deal/${purgedId}`);
  await expect(page.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
});
