// Custom fields on leads (no other spec uses leads, so the fields made here disturb none):
// created in card settings, every type takes a value; required at a stage; restricted
// visibility; deleted from CRM settings → Custom fields.
import { type Page, type Response } from '@playwright/test';
import { api, DEMO, expect, hydrated, signIn, test, unique } from './helpers';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1400, height: 1600 } });

async function newLead(page: Page, baseURL: string, title: string) {
  const res = await api(page.request, baseURL, 'create_item', {
    entity: 'lead', pipeline_id: null, values: { title: { t: 'text', v: title } },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as number;
}

async function openLead(page: Page, id: number) {
  await page.goto(`/crm/lead/${id}`);
  await hydrated(page);
}

async function settings(page: Page) {
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.locator('.layout-editor')).toBeVisible();
  // The field dialogs are ready once the field settings have loaded.
  await expect(page.locator('[data-section="more"]').getByRole('button', { name: '+ Create field' })).toBeEnabled();
}

async function finish(page: Page) {
  await expect(page.locator('.save-status')).not.toHaveText('Saving…');
  await page.getByRole('button', { name: 'Finish configuration' }).click();
  await expect(page.locator('.layout-editor')).toHaveCount(0);
}

/** Creates a custom field in the "More" section through the dialog; `fill` sets the rest. */
async function createField(page: Page, type: string, label: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
  await page.locator('[data-section="more"]').getByRole('button', { name: '+ Create field' }).click();
  const form = page.locator('form[data-field-form="new-field"]');
  await form.getByLabel('Type').selectOption({ label: type });
  await form.getByLabel('Name').fill(label);
  if (fill) await fill(form);
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.locator('[data-section="more"] .layout-fields li', { hasText: label })).toBeVisible();
}

const stamp = Date.now().toString(36);
const L = (name: string) => `${name} ${stamp}`;

test('a custom field of every type is created on the card and keeps a value', async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const lead = await newLead(page, baseURL!, unique('Typed lead'));
  const company = await api(page.request, baseURL!, 'create_item', {
    entity: 'company', pipeline_id: null, values: { name: { t: 'text', v: `Picked Co ${stamp}` } },
  });
  expect(company.status).toBe(200);
  await openLead(page, lead);
  await settings(page);
  const addOptions = (...labels: string[]) => async (form: ReturnType<Page['locator']>) => {
    for (const [i, label] of labels.entries()) {
      if (i > 0) await form.getByRole('button', { name: '+ Add option' }).click();
      await form.getByLabel(`Option ${i + 1}`).fill(label);
    }
  };
  await createField(page, 'String', L('Nickname'));
  await createField(page, 'Integer', L('Seats'));
  await createField(page, 'Number', L('Rating'));
  await createField(page, 'Yes / no', L('Signed'));
  await createField(page, 'Date', L('Visit day'));
  await createField(page, 'Date and time', L('Demo at'));
  await createField(page, 'Money', L('Budget'), async (form) => {
    await form.getByLabel('Default currency').selectOption('EUR');
  });
  await createField(page, 'Web address', L('Portal'));
  await createField(page, 'Email', L('Billing email'));
  await createField(page, 'Phone', L('Fax'), async (form) => {
    await form.getByText('Several values').click();
  });
  await createField(page, 'Address', L('Warehouse'));
  await createField(page, 'List', L('Tier'), addOptions('Gold', 'Silver'));
  await createField(page, 'File', L('Brief'));
  await createField(page, 'User', L('Reviewer'));
  await createField(page, 'CRM item', L('Partner company'), async (form) => {
    await form.getByText('Companies').click();
  });
  await createField(page, 'Resource booking', L('Meeting room'), addOptions('Room A', 'Room B'));
  await finish(page);
  await page.reload();
  await hydrated(page);

  // Every field is on the card after a reload; fill them all in one edit of the section.
  const more = page.locator('[data-section="more"]');
  await more.getByRole('button', { name: 'Edit' }).click();
  const input = (label: string) => more.getByLabel(L(label), { exact: true });
  // Inputs of several parts are named by their part inside the field.
  const part = (label: string, name: string) => more.locator('.field', { hasText: L(label) }).getByLabel(name, { exact: true });
  const room = () => more.locator('.field', { hasText: L('Meeting room') });
  const book = async (resource: string, start: string, end: string) => {
    await room().getByLabel('Resource').selectOption({ label: resource });
    await room().getByLabel('Start').fill(start);
    await room().getByLabel('End').fill(end);
  };
  await input('Nickname').fill('Ace');
  await input('Seats').fill('1 200');
  await input('Rating').fill('4,5');
  await input('Signed').selectOption({ label: 'Yes' });
  await input('Visit day').fill('2026-12-01');
  await input('Demo at').fill('2026-12-02T15:30');
  await part('Budget', 'Amount').fill('12500.5');
  await input('Portal').fill('portal.example.com');
  await input('Billing email').fill('bills@example.com');
  await input('Fax').fill('+1 555 0100');
  await more.locator('.field', { hasText: L('Fax') }).getByRole('button', { name: '+ add' }).click();
  await more.locator('.field', { hasText: L('Fax') }).locator('input').nth(1).fill('+1 555 0101');
  await part('Warehouse', 'Street').fill('1 Dock Road');
  await input('Tier').selectOption({ label: 'Silver' });
  await part('Brief', 'Choose a file').setInputFiles({ name: 'brief.txt', mimeType: 'text/plain', buffer: Buffer.from('The brief.') });
  await expect(more.locator('.file-chosen')).toContainText('brief.txt');
  await input('Reviewer').selectOption({ label: DEMO.marco.name });
  await input('Partner company').fill(`Picked Co ${stamp}`);
  await more.getByRole('option', { name: new RegExp(`Picked Co ${stamp}`) }).getByRole('button').click();
  await book('Room B', '2026-12-03T10:00', '2026-12-03T11:00');
  await more.getByRole('button', { name: 'Save' }).click();
  await expect(more.getByRole('button', { name: 'Edit' })).toBeVisible();

  const shown = async () => {
    const value = (label: string) => more.locator('.field', { hasText: L(label) }).locator('.field-value');
    await expect(value('Nickname')).toHaveText('Ace');
    await expect(value('Seats')).toHaveText('1,200');
    await expect(value('Rating')).toHaveText('4.5');
    await expect(value('Signed')).toHaveText('Yes');
    await expect(value('Visit day')).toHaveText('12/01/2026');
    await expect(value('Demo at')).toHaveText('12/02/2026, 3:30 PM');
    await expect(value('Budget')).toHaveText('€12,500.50');
    await expect(value('Portal').getByRole('link')).toHaveAttribute('href', 'https://portal.example.com');
    await expect(value('Billing email')).toHaveText('bills@example.com');
    await expect(value('Fax')).toContainText('+1 555 0100');
    await expect(value('Fax')).toContainText('+1 555 0101');
    await expect(value('Warehouse')).toHaveText('1 Dock Road');
    await expect(value('Tier')).toHaveText('Silver');
    await expect(value('Brief')).toContainText('brief.txt');
    await expect(value('Reviewer')).toHaveText(DEMO.marco.name);
    await expect(value('Partner company')).toHaveText(`Picked Co ${stamp}`);
    await expect(value('Meeting room')).toHaveText('Room B: 12/03/2026, 10:00 AM–11:00 AM');
  };
  await shown();
  await page.reload();
  await hydrated(page);
  await shown();
  // The file downloads as it was uploaded.
  const link = more.locator('.field', { hasText: L('Brief') }).getByRole('link');
  const file = await page.request.get((await link.getAttribute('href'))!);
  expect(await file.text()).toBe('The brief.');

  // A second lead cannot book Room B at an overlapping time: told beside the field, nothing saved.
  const other = await newLead(page, baseURL!, unique('Clashing lead'));
  await openLead(page, other);
  await page.locator('[data-section="more"]').getByRole('button', { name: 'Edit' }).click();
  await book('Room B', '2026-12-03T10:30', '2026-12-03T12:00');
  await more.getByRole('button', { name: 'Save' }).click();
  await expect(room().locator('.field-error')).toHaveText('This resource is already booked at that time.');
  await room().getByLabel('Start').fill('2026-12-03T11:00');
  await more.getByRole('button', { name: 'Save' }).click();
  await expect(room().locator('.field-value')).toHaveText('Room B: 12/03/2026, 11:00 AM–12:00 PM');
});

test('a field required at a stage stops the move there and is highlighted', async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const lead = await newLead(page, baseURL!, unique('Staged lead'));
  await openLead(page, lead);
  await settings(page);
  await page.locator('li[data-field="comment"]').getByRole('button', { name: 'Configure' }).click();
  const form = page.locator('form[data-field-form="field-comment"]');
  await form.locator('[data-required-stage="In progress"]').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await finish(page);
  await page.locator('.stage', { hasText: 'In progress' }).click();
  await expect(page.locator('.notice')).toContainText('Comment');
  await expect(page.locator('.field.needs-value[data-field="comment"]')).toBeVisible();
  await expect(page.locator('.stage.current')).toHaveText('New');
  await page.locator('[data-field="comment"]').click();
  await page.locator('[data-section="about"] textarea').fill('Called, interested.');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('[data-field="comment"] .field-value')).toHaveText('Called, interested.');
  await page.locator('.stage', { hasText: 'In progress' }).click();
  await expect(page.locator('.stage.current')).toHaveText('In progress');
  // The rule is in CRM settings → Custom fields too; take it off again for other tests.
  await page.goto('/settings/fields/lead');
  await hydrated(page);
  await expect(page.locator('tr[data-field-row="comment"]')).toContainText('At In progress');
  await page.locator('tr[data-field-row="comment"]').getByRole('button', { name: 'Configure' }).click();
  await page.locator('form[data-field-form="field-comment"] [data-required-stage="In progress"]').uncheck();
  await page.locator('form[data-field-form="field-comment"]').getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('tr[data-field-row="comment"] td').nth(3)).toHaveText('');
});

test('a restricted field never reaches a user who may not see it', async ({ page, baseURL, browser }) => {
  await signIn(page, DEMO.admin);
  const lead = await newLead(page, baseURL!, unique('Secret lead'));
  await openLead(page, lead);
  await settings(page);
  await createField(page, 'String', L('Commission'), async (form) => {
    await form.getByText('Only chosen people see this field').click();
    await form.locator(`[data-audience="user"][data-name="${DEMO.anna.name}"]`).check();
  });
  await finish(page);
  const more = page.locator('[data-section="more"]');
  await more.getByRole('button', { name: 'Edit' }).click();
  await more.getByLabel(L('Commission'), { exact: true }).fill('SEVEN-PERCENT-QX');
  await more.getByRole('button', { name: 'Save' }).click();
  await expect(more.locator('.field', { hasText: L('Commission') }).locator('.field-value')).toHaveText('SEVEN-PERCENT-QX');

  // Marco: not in the audience. Nothing of the field in the page source or any response.
  const context = await browser.newContext();
  const marco = await context.newPage();
  const bodies: string[] = [];
  marco.on('response', async (r: Response) => bodies.push(await r.text().catch(() => '')));
  await signIn(marco, DEMO.marco);
  await openLead(marco, lead);
  await expect(marco.locator('.card-title')).toBeVisible();
  await marco.getByRole('tab', { name: 'History' }).click();
  await expect(marco.locator('.history')).toBeVisible();
  await marco.goto(`/crm/lead?q=seven-percent`);
  await expect(marco.locator('table.items tbody tr')).toHaveCount(0);
  const everything = bodies.join('\n') + (await marco.content());
  expect(everything).not.toContain('SEVEN-PERCENT-QX');
  expect(everything).not.toContain(L('Commission'));
  await context.close();

  // Anna is in the audience: she sees it.
  const annaContext = await browser.newContext();
  const anna = await annaContext.newPage();
  await signIn(anna, DEMO.anna);
  await openLead(anna, lead);
  await expect(anna.locator('.field', { hasText: L('Commission') }).locator('.field-value')).toHaveText('SEVEN-PERCENT-QX');
  await annaContext.close();
});

test('a custom field deleted in CRM settings takes its values with it', async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const lead = await newLead(page, baseURL!, unique('Doomed lead'));
  await openLead(page, lead);
  await settings(page);
  await createField(page, 'String', L('Doomed'));
  await finish(page);
  const more = page.locator('[data-section="more"]');
  await more.getByRole('button', { name: 'Edit' }).click();
  await more.getByLabel(L('Doomed'), { exact: true }).fill('to be deleted');
  await more.getByRole('button', { name: 'Save' }).click();
  await expect(more.locator('.field', { hasText: L('Doomed') }).locator('.field-value')).toHaveText('to be deleted');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('.entity-tabs').getByRole('link', { name: 'Leads' }).click();
  await expect(page).toHaveURL(/\/settings\/fields\/lead$/);
  await hydrated(page);
  const row = page.locator('tr', { hasText: L('Doomed') });
  await expect(row).toContainText('Custom');
  await expect(page.locator('tr[data-field-row="title"]').getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.confirm-delete')).toContainText('Its values in every item and their history are deleted too');
  await page.locator('.confirm-delete').getByRole('button', { name: 'Delete field' }).click();
  await expect(page.locator('.notice')).toContainText('and its values were deleted');
  await expect(page.locator('tr', { hasText: L('Doomed') })).toHaveCount(0);
  await openLead(page, lead);
  await expect(page.locator('.field', { hasText: L('Doomed') })).toHaveCount(0);
  expect(await page.content()).not.toContain('to be deleted');
});
