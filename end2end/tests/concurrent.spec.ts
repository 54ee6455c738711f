import { type Browser } from '@playwright/test';
import { createDeal, DEMO, expect, field, open, signIn, test, unique } from './helpers';

async function person(browser: Browser, who: typeof DEMO.anna) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  return { context, page };
}

test('two people editing one card: different fields merge, the same field shows a conflict', async ({ browser, baseURL }) => {
  const anna = await person(browser, DEMO.anna);
  const marco = await person(browser, DEMO.marco);
  const id = await createDeal(anna.page, baseURL!, unique('Shared deal'));
  await open(anna.page, `/crm/deal/${id}`);
  await open(marco.page, `/crm/deal/${id}`);

  // Anna changes the probability; Marco, whose card is older, changes the comment.
  await field(anna.page, 'probability').click();
  await field(anna.page, 'probability').locator('input').fill('70');
  await anna.page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(anna.page, 'probability').locator('.field-value')).toHaveText('70');

  await field(marco.page, 'comment').click();
  await field(marco.page, 'comment').locator('textarea').fill('Marco was here');
  await marco.page.locator('[data-section="more"]').getByRole('button', { name: 'Save' }).click();
  await expect(marco.page.getByRole('status')).toContainText('Changes made by others meanwhile are shown too');
  await expect(field(marco.page, 'probability').locator('.field-value')).toHaveText('70');
  await expect(field(marco.page, 'comment').locator('.field-value')).toHaveText('Marco was here');

  // Both change the title: Anna's card is now stale and she is told, with Marco's value.
  await field(marco.page, 'title').click();
  await field(marco.page, 'title').locator('input').fill('Title by Marco');
  await marco.page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(marco.page.locator('.card-title')).toHaveText('Title by Marco');

  await field(anna.page, 'title').click();
  await field(anna.page, 'title').locator('input').fill('Title by Anna');
  await anna.page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  const conflict = field(anna.page, 'title').locator('.conflict');
  await expect(conflict).toContainText('Someone else changed this meanwhile to “Title by Marco”');
  await expect(field(anna.page, 'title').locator('input')).toHaveValue('Title by Anna');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await anna.page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(anna.page.locator('.card-title')).toHaveText('Title by Anna');

  await marco.page.reload();
  await expect(marco.page.locator('.card-title')).toHaveText('Title by Anna');
  await expect(field(marco.page, 'comment').locator('.field-value')).toHaveText('Marco was here');
  await expect(field(marco.page, 'probability').locator('.field-value')).toHaveText('70');
  await anna.context.close();
  await marco.context.close();
});
