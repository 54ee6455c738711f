// Settings → Smart processes: an admin makes an entity type of their own, arranges its card and
// gives a role rights on it; staff with the role create, edit and move its items like deals;
// somebody without rights finds nothing of it; an item deleted by staff is restored by the
// admin; deleting the type takes everything with it.
import { type Page } from '@playwright/test';
import { api, createDeal, DEMO, expect, field, hydrated, open, signIn, test } from './helpers';

test.use({ viewport: { width: 1400, height: 1600 } });

async function typesPage(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('.settings-nav').getByRole('link', { name: 'Smart processes' }).click();
  await expect(page).toHaveURL(/\/settings\/types$/);
  await hydrated(page);
}

test('a smart process works like a system type for those given rights, and is absent for others', async ({ page, browser, baseURL }) => {
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const code = `delivery-${tag}`;
  const name = `Delivery ${tag}`;
  const plural = `Deliveries ${tag}`;
  await signIn(page, DEMO.admin);
  await typesPage(page);
  await expect(page.locator('tr[data-type="deal"] td').first()).toHaveText('2');
  await expect(page.locator('tr[data-type="invoice"] td').first()).toHaveText('31');

  // A bad code is explained beside it and nothing is made; then the type is made.
  await page.getByRole('button', { name: '+ Create smart process' }).click();
  const form = page.locator('form[data-type-form="new"]');
  await form.getByLabel('Name (one item)').fill(name);
  await form.getByLabel('Name (several items)').fill(plural);
  await form.getByLabel('Code in addresses').fill('Delivery!');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form.locator('.has-error .field-error')).toContainText('lowercase letters');
  await form.getByLabel('Code in addresses').fill(code);
  await form.locator('input[name="links"][value="deal"]').check();
  await form.getByRole('button', { name: 'Create' }).click();
  const row = page.locator(`tr[data-type="${code}"]`);
  await expect(row).toContainText(plural);
  expect(Number(await row.locator('td').first().textContent())).toBeGreaterThanOrEqual(128);
  await expect(page.locator('nav.entities').getByRole('link', { name: plural })).toBeVisible();

  // From a deal's card (the type links to deals): "+ New …" under Relations starts one linked
  // to that deal; both cards then show the link.
  const dealTitle = `Linked deal ${tag}`;
  const dealId = await createDeal(page, baseURL!, dealTitle);
  await open(page, `/crm/deal/${dealId}`);
  await page.getByRole('tab', { name: 'Relations' }).click();
  await page.getByRole('link', { name: `+ New ${name}` }).click();
  await hydrated(page);
  await expect(page.locator('[data-field="link_deal"]')).toContainText(dealTitle);
  await page.locator('[data-field="title"] input').fill(`From the deal ${tag}`);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('.card-title')).toHaveText(`From the deal ${tag}`);
  await expect(field(page, 'link_deal').locator('a')).toHaveText(dealTitle);
  await open(page, `/crm/deal/${dealId}`);
  await page.getByRole('tab', { name: 'Relations' }).click();
  await expect(page.locator('.relations')).toContainText(`From the deal ${tag}`);

  // Its list, a new item, and its card arranged: a custom field created, the company hidden.
  await page.locator('nav.entities').getByRole('link', { name: plural }).click();
  await expect(page.getByRole('heading', { name: plural })).toBeVisible();
  await hydrated(page);
  await page.getByRole('link', { name: 'New', exact: true }).click();
  await hydrated(page);
  await expect(page.getByRole('heading', { name: `New ${name.toLowerCase()}` })).toBeVisible();
  await page.locator('[data-field="title"] input').fill(`First ${tag}`);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('.card-title')).toHaveText(`First ${tag}`);
  await expect(page.locator('.entity-label')).toHaveText(name);
  await expect(page.locator('.stage.current')).toHaveText('New');
  await expect(page.locator('[data-section="links"] .field', { hasText: 'Deal' })).toBeVisible();
  await hydrated(page);
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.locator('.layout-editor')).toBeVisible();
  const about = page.locator('[data-section="about"]');
  await expect(about.getByRole('button', { name: '+ Create field' })).toBeEnabled();
  await about.getByRole('button', { name: '+ Create field' }).click();
  const fieldForm = page.locator('form[data-field-form="new-field"]');
  await fieldForm.getByLabel('Type').selectOption({ label: 'String' });
  await fieldForm.getByLabel('Name').fill('Truck plate');
  await fieldForm.getByRole('button', { name: 'Create' }).click();
  await expect(about.locator('.layout-fields li', { hasText: 'Truck plate' })).toBeVisible();
  await page.locator('[data-section="client"] li[data-field="company"]').getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await page.getByRole('button', { name: 'Finish configuration' }).click();
  await expect(page.locator('[data-field="company"]')).toHaveCount(0);

  // A role with read, create and update on it, given to a new user.
  await typesPage(page);
  await page.locator('.settings-nav').getByRole('link', { name: 'Access' }).click();
  await hydrated(page);
  await page.getByRole('button', { name: '+ New role' }).click();
  const roleForm = page.locator('form[data-role-form="new"]');
  await roleForm.getByLabel('Name').fill(`Couriers ${tag}`);
  for (const action of ['read', 'create', 'update', 'delete']) {
    await roleForm.locator(`[data-right="${code}-${action}"]`).selectOption('all');
  }
  await roleForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`tr[data-role="Couriers ${tag}"]`)).toBeVisible();
  const access = await api(page.request, baseURL!, 'access_settings', {});
  const role = access.json.roles.find((r: { name: string }) => r.name === `Couriers ${tag}`).id;
  const email = `courier-${tag}@example.com`;
  const made = await api(page.request, baseURL!, 'save_user', {
    id: null,
    user: { name: `Courier ${tag}`, email, password: 'a long password', department_id: null, roles: [role], active: true },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(200);

  // The courier: only this type in the menu; creates, edits and moves an item.
  const courierContext = await browser.newContext();
  const courier = await courierContext.newPage();
  await signIn(courier, { email, password: 'a long password' });
  const menu = courier.locator('nav.entities');
  await expect(menu.getByRole('link', { name: plural })).toBeVisible();
  await expect(menu.getByRole('link', { name: 'Deals' })).toHaveCount(0);
  await menu.getByRole('link', { name: plural }).click();
  await hydrated(courier);
  await courier.getByRole('link', { name: 'New', exact: true }).click();
  await hydrated(courier);
  await courier.locator('[data-field="title"] input').fill(`Courier's ${tag}`);
  await courier.getByRole('button', { name: 'Create' }).click();
  await expect(courier.locator('.card-title')).toHaveText(`Courier's ${tag}`);
  await hydrated(courier);
  const courierAbout = courier.locator('[data-section="about"]');
  await courierAbout.getByRole('button', { name: 'Edit' }).click();
  await courierAbout.getByLabel('Truck plate', { exact: true }).fill('AA-11-BB');
  await courierAbout.getByRole('button', { name: 'Save' }).click();
  await expect(courierAbout.locator('.field', { hasText: 'Truck plate' }).locator('.field-value')).toHaveText('AA-11-BB');
  await courier.locator('.stage', { hasText: 'In progress' }).click();
  await expect(courier.locator('.stage.current')).toHaveText('In progress');
  await expect(courier.locator('.timeline .event').first()).toContainText('New → In progress');
  const cardUrl = courier.url();
  await courier.reload();
  await expect(courier.locator('.stage.current')).toHaveText('In progress');
  await expect(courierAbout.locator('.field', { hasText: 'Truck plate' }).locator('.field-value')).toHaveText('AA-11-BB');
  await expect(courier.locator('[data-field="company"]')).toHaveCount(0);
  // The courier deletes it: gone from the list, in their bin.
  await hydrated(courier);
  await courier.locator('.card-header').getByRole('button', { name: 'Delete' }).click();
  await courier.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(courier).toHaveURL(new RegExp(`/crm/${code}$`));
  await expect(courier.getByText(`Courier's ${tag}`)).toHaveCount(0);
  await courier.locator('.user').getByRole('link', { name: 'Recycle bin' }).click();
  await expect(courier.locator('table.bin')).toContainText(`Courier's ${tag}`);
  await expect(courier.locator('table.bin')).toContainText(name);
  await courierContext.close();

  // Marco has no rights on it: not in his menu, "not found" by its address and its card's.
  const marcoContext = await browser.newContext();
  const marco = await marcoContext.newPage();
  await signIn(marco, DEMO.marco);
  await expect(marco.locator('nav.entities').getByRole('link', { name: 'Deals' })).toBeVisible();
  await expect(marco.locator('nav.entities').getByRole('link', { name: plural })).toHaveCount(0);
  await marco.goto(`/crm/${code}`);
  await expect(marco.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
  await marco.goto(cardUrl);
  await expect(marco.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
  expect(await marco.content()).not.toContain('AA-11-BB');
  await marcoContext.close();

  // The admin restores the courier's item from the bin: it is back with its value.
  await page.locator('.user').getByRole('link', { name: 'Recycle bin' }).click();
  await hydrated(page);
  const binned = page.locator('table.bin tr', { hasText: `Courier's ${tag}` });
  await binned.locator('input[type=checkbox]').check();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(binned).toHaveCount(0);
  await page.goto(cardUrl);
  await hydrated(page);
  await expect(page.locator('[data-section="about"] .field', { hasText: 'Truck plate' }).locator('.field-value')).toHaveText('AA-11-BB');

  // Deleting it asks for its name and says what goes; then it is gone for everybody.
  await typesPage(page);
  await row.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.locator('form.delete-type');
  await expect(confirm).toContainText('3 items, 1 custom field, 0 files');
  await expect(confirm.getByRole('button', { name: 'Delete smart process' })).toBeDisabled();
  await confirm.getByLabel('Type its name to confirm').fill(name);
  await confirm.getByRole('button', { name: 'Delete smart process' }).click();
  await expect(page.locator('.notice')).toHaveText('The smart process and everything in it were deleted.');
  await expect(row).toHaveCount(0);
  await expect(page.locator('nav.entities').getByRole('link', { name: plural })).toHaveCount(0);
  await page.goto(cardUrl);
  await expect(page.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
});
