// Card views on contacts (no other spec changes the contact card): a view for a department, the
// common view forced on everybody (reaching open cards live), a user's own view, the missing
// permission, and an admin's preview as another user. The tests share the contact card's views,
// so they run one after another.
import { type Browser, type Page } from '@playwright/test';
import { accessibilityViolations, api, DEMO, expect, hydrated, signIn, test, unique } from './helpers';

test.describe.configure({ mode: 'serial' });

const JULIA = { email: 'julia@example.com', password: 'demo', name: 'Julia Santos' };

async function firstContact(page: Page, baseURL: string) {
  const list = await api(page.request, baseURL, 'list_items', { entity: 'contact', search: null, stage_id: null, before: null });
  return list.json.rows[0].id as number;
}

async function openAs(browser: Browser, who: { email: string; password: string; name: string }, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  await page.goto(path);
  await hydrated(page);
  return page;
}

/** The codes of the fields a card shows, in order. */
async function shownFields(page: Page) {
  return page.locator('.card-section .field[data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
}

async function settings(page: Page) {
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.locator('.views-panel')).toBeVisible();
}

async function finish(page: Page) {
  await expect(page.locator('.save-status')).not.toHaveText(/Saving/);
  await page.getByRole('button', { name: 'Finish configuration' }).click();
  await expect(page.locator('.layout-editor')).toHaveCount(0);
}

/** In settings mode: deletes the named view (once it shows without `hidden`), then finishes. */
async function deleteView(page: Page, name: string, hidden: string) {
  await page.locator('select.editing-view').selectOption({ label: name });
  await expect(page.locator(`.layout-editor li[data-field="${hidden}"]`)).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete view' }).click();
  await page.locator('.views-panel [role="alertdialog"]').getByRole('button', { name: 'Delete view' }).click();
  await expect(page.locator('select.editing-view')).toHaveValue('common');
  await finish(page);
}

test('a view for a department reaches its members only; the forced common view reaches everybody, live', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.admin);
  const contact = await firstContact(page, baseURL!);
  const path = `/crm/contact/${contact}`;
  await page.goto(path);
  await hydrated(page);
  await settings(page);
  await expect(page.locator('select.editing-view')).toHaveValue('common');

  // Create a view for the call centre from the common view, and hide Position in it.
  const name = unique('Calls');
  await page.getByRole('button', { name: '+ Create new view' }).click();
  const form = page.locator('.view-form');
  await form.getByLabel('View name').fill(name);
  await form.locator('fieldset').nth(1).getByLabel('Call centre').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('select.editing-view option:checked')).toHaveText(name);
  await page.locator('li[data-field="position"]').getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.save-status')).toHaveText(/Saved/);
  await finish(page);
  await expect(page.locator('.view-switch')).toContainText('Common view');
  await expect(page.locator('.card-section [data-field="position"]')).toBeVisible();

  // Julia (call centre) works with it; Anna (sales) does not.
  const julia = await openAs(browser, JULIA, path);
  await expect(julia.locator('.view-switch select option:checked')).toHaveText(name);
  await expect(julia.locator('[data-field="position"]')).toHaveCount(0);
  await expect(julia.locator('.card-section [data-field="phone"]')).toBeVisible();
  const anna = await openAs(browser, DEMO.anna, path);
  await expect(anna.locator('.view-switch')).toContainText('Common view');
  await expect(anna.locator('.view-switch select')).toHaveCount(0);
  await expect(anna.locator('.card-section [data-field="position"]')).toBeVisible();
  // Julia may switch to the common view and back.
  await julia.locator('.view-switch select').selectOption('common');
  await expect(julia.locator('.card-section [data-field="position"]')).toBeVisible();
  await julia.locator('.view-switch select').selectOption({ label: name });
  await expect(julia.locator('[data-field="position"]')).toHaveCount(0);

  // Forced for all: Julia's open card shows the common view without a reload, and back.
  await settings(page);
  await page.locator('input.common-forced').check();
  await expect(julia.locator('.card-section [data-field="position"]')).toBeVisible({ timeout: 10_000 });
  await expect(julia.locator('.view-switch select')).toHaveCount(0);
  await expect(julia.locator('.view-switch')).toContainText('Common view');
  await page.locator('input.common-forced').uncheck();
  await expect(julia.locator('[data-field="position"]')).toHaveCount(0, { timeout: 10_000 });

  // The admin deletes the view: Julia is back on the common view.
  await deleteView(page, name, 'position');
  await expect(julia.locator('.card-section [data-field="position"]')).toBeVisible({ timeout: 10_000 });
  await julia.context().close();
  await anna.context().close();
});

test("after configuring a view other than their own, an admin's card shows their own again", async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const contact = await firstContact(page, baseURL!);
  await page.goto(`/crm/contact/${contact}`);
  await hydrated(page);
  await settings(page);
  const name = unique('Field team');
  await page.getByRole('button', { name: '+ Create new view' }).click();
  await page.locator('.view-form').getByLabel('View name').fill(name);
  await page.locator('.view-form').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('select.editing-view option:checked')).toHaveText(name);
  await finish(page);
  await expect(page.locator('.view-switch')).toContainText('Common view');

  // Later the admin rearranges that view, which nobody is in yet: their own card stays as it was.
  await settings(page);
  await page.locator('select.editing-view').selectOption({ label: name });
  await expect(page.getByRole('button', { name: 'Delete view' })).toBeVisible();
  await page.locator('li[data-field="phone"]').getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.save-status')).toHaveText(/Saved/);
  await finish(page);
  await expect(page.locator('.view-switch')).toContainText('Common view');
  await expect(page.locator('.card-section [data-field="phone"]')).toBeVisible();

  await settings(page);
  await deleteView(page, name, 'phone');
});

test('a permitted user arranges a view of her own that nobody else gets; without the permission there is none', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.anna);
  const contact = await firstContact(page, baseURL!);
  const path = `/crm/contact/${contact}`;
  await page.goto(path);
  await hydrated(page);
  await page.getByRole('button', { name: 'Card settings' }).click();
  await page.getByRole('button', { name: 'Enable my view' }).click();
  await expect(page.locator('strong.editing-view')).toHaveText('My view');
  await page.locator('li[data-field="birthday"]').getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.save-status')).toHaveText(/Saved/);
  await finish(page);
  await expect(page.locator('[data-field="birthday"]')).toHaveCount(0);
  await expect(page.locator('.view-switch select option:checked')).toHaveText('My view');

  const marco = await openAs(browser, DEMO.marco, path);
  await expect(marco.locator('.card-section [data-field="birthday"]')).toBeVisible();
  await marco.context().close();

  // Back to the common view and to hers with the switcher; then off for good.
  await page.locator('.view-switch select').selectOption('common');
  await expect(page.locator('.card-section [data-field="birthday"]')).toBeVisible();
  await page.locator('.view-switch select').selectOption({ label: 'My view' });
  await expect(page.locator('[data-field="birthday"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Card settings' }).click();
  await page.getByRole('button', { name: 'Back to the common view' }).click();
  await expect(page.locator('.card-section [data-field="birthday"]')).toBeVisible();
  await expect(page.locator('.view-switch')).toContainText('Common view');

  // A role without "Allow my card view": no ⚙, and the server refuses a direct call.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  const rights = { entities: { contact: { read: 'all', update: 'all' } }, my_view: false, admin: false };
  const role = await api(admin.request, baseURL!, 'save_role', { id: null, name: unique('No own view'), rights });
  expect(role.status).toBe(200);
  const who = unique('vera').replace(/\s+/g, '').toLowerCase();
  const user = { name: who, email: `${who}@example.com`, password: 'no own view', department_id: null, roles: [role.json], active: true };
  expect((await api(admin.request, baseURL!, 'save_user', { id: null, user })).status).toBe(200);
  await admin.context().close();
  const vera = await openAs(browser, { email: user.email, password: user.password, name: who }, path);
  await expect(vera.locator('.card-section [data-field="birthday"]')).toBeVisible();
  await expect(vera.getByRole('button', { name: 'Card settings' })).toHaveCount(0);
  const refused = await api(vera.request, baseURL!, 'enable_my_view', { entity: 'contact', on: true });
  expect(refused.status).toBe(403);
  const layout = await api(vera.request, baseURL!, 'card_layout', { entity: 'contact' });
  expect(layout.json.view.active).toEqual({ kind: 'common' });
  await vera.context().close();
});

test('preview as a user shows exactly the card they see, read-only, also without JavaScript', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.admin);
  const contact = await firstContact(page, baseURL!);
  const path = `/crm/contact/${contact}`;
  // A view for Julia alone that hides the comment.
  const made = await api(page.request, baseURL!, 'save_card_view', {
    entity: 'contact', view: { id: null, name: unique('Julia'), users: [], departments: [], from: { kind: 'common' } },
  });
  expect(made.status).toBe(200);
  const admin = await api(page.request, baseURL!, 'views_admin', { entity: 'contact' });
  const juliaId = admin.json.users.find((u: { name: string }) => u.name === JULIA.name).id;
  const view = { kind: 'named', id: made.json };
  const input = { id: made.json, name: 'Julia only', users: [juliaId], departments: [], from: { kind: 'common' } };
  expect((await api(page.request, baseURL!, 'save_card_view', { entity: 'contact', view: input })).status).toBe(200);
  const editor = await api(page.request, baseURL!, 'layout_editor', { entity: 'contact', view });
  const hide = await api(page.request, baseURL!, 'save_layout', {
    entity: 'contact', view, version: editor.json.version, ops: [{ op: 'hide_field', code: 'comment' }],
  });
  expect(hide.status).toBe(200);

  const julia = await openAs(browser, JULIA, path);
  const hers = await shownFields(julia);
  expect(hers).not.toContain('comment');
  await julia.context().close();

  await page.goto(path);
  await hydrated(page);
  await settings(page);
  await page.locator('select.preview-as').selectOption({ label: JULIA.name });
  await expect(page).toHaveURL(new RegExp(`/crm/contact/${contact}/preview/user-${juliaId}$`));
  await expect(page.locator('.preview-banner')).toContainText('Preview as Julia Santos');
  await expect(page.locator('.view-switch')).toContainText('Julia only');
  expect(await shownFields(page)).toEqual(hers);
  expect(await accessibilityViolations(page), 'the preview').toEqual([]);
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Card settings' })).toHaveCount(0);
  await expect(page.locator('.comment-box')).toHaveCount(0);
  await page.locator('.card-section [data-field="phone"]').click();
  await expect(page.locator('.section-form')).toHaveCount(0);
  await page.getByRole('link', { name: 'Exit preview' }).click();
  await expect(page).toHaveURL(new RegExp(`/crm/contact/${contact}$`));
  await expect(page.locator('.card-section [data-field="comment"]')).toBeVisible();

  // The same page rendered by the server alone.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await context.newPage();
  await signIn(nojs, DEMO.admin);
  await nojs.goto(`${path}/preview/user-${juliaId}`);
  await expect(nojs.locator('.preview-banner')).toContainText('Preview as Julia Santos');
  expect(await shownFields(nojs)).toEqual(hers);
  expect(await accessibilityViolations(nojs, false), 'the preview without JavaScript').toEqual([]);
  await context.close();

  expect((await api(page.request, baseURL!, 'delete_card_view', { entity: 'contact', id: made.json })).status).toBe(200);
});
