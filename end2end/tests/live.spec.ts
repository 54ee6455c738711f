// A layout change reaches cards open elsewhere without a reload, and waits while someone edits.
import { api, COMMON, DEMO, expect, hydrated, signIn, test } from './helpers';

test('a layout change appears in another open card without a reload, after an edit in progress', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.admin);
  const list = await api(page.request, baseURL!, 'list_items', { entity: 'company', search: null, stage_id: null, before: null });
  const company = list.json.rows[0].id;

  const context = await browser.newContext();
  const anna = await context.newPage();
  await signIn(anna, DEMO.anna);
  await anna.goto(`/crm/company/${company}`);
  await hydrated(anna);
  await expect(anna.locator('[data-section="about"] [data-field="employees"]')).toBeVisible();
  // Anna is editing the contact section when the admin changes the layout.
  const contact = anna.locator('[data-section="contact"]');
  await contact.getByRole('button', { name: 'Edit' }).click();
  await contact.getByLabel('Website').fill('https://typed.example');

  const editor = await api(page.request, baseURL!, 'layout_editor', { entity: 'company', view: COMMON });
  const saved = await api(page.request, baseURL!, 'save_layout', {
    entity: 'company', view: COMMON, version: editor.json.version, ops: [{ op: 'hide_field', code: 'employees' }],
  });
  expect(saved.status).toBe(200);

  // Her edit is untouched while it lasts; the field is still there.
  await anna.waitForTimeout(4500);
  await expect(contact.getByLabel('Website')).toHaveValue('https://typed.example');
  await expect(anna.locator('[data-section="about"] [data-field="employees"]')).toBeVisible();
  await contact.getByRole('button', { name: 'Cancel' }).click();
  // Then the new layout shows, without a reload.
  await expect(anna.locator('[data-field="employees"]')).toHaveCount(0, { timeout: 10_000 });
  await expect(anna.locator('[data-section="about"] [data-field="industry"]')).toBeVisible();

  // Back as shipped: the field returns the same way.
  const now = await api(page.request, baseURL!, 'layout_editor', { entity: 'company', view: COMMON });
  await api(page.request, baseURL!, 'save_layout', {
    entity: 'company', view: COMMON, version: now.json.version, ops: [{ op: 'show_field', code: 'employees', section: 'about', after: 'industry' }],
  });
  await expect(anna.locator('[data-section="about"] [data-field="employees"]')).toBeVisible({ timeout: 10_000 });
  await context.close();
});
