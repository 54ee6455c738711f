// CRM settings → Access: an admin makes a role and a user in the browser; that user then sees
// only what the role's scopes reach (another's deal is "not found", the export is theirs only).
import { api, DEMO, expect, hydrated, signIn, test, unique } from './helpers';

test('a user made in Access with an own-deals role reaches only their own deals', async ({ page, browser, baseURL }) => {
  const who = unique('Pat').replace(/\s+/g, '');
  const email = `${who.toLowerCase()}@example.com`;
  const roleName = unique('Own deals');
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('.settings-nav').getByRole('link', { name: 'Access' }).click();
  await expect(page).toHaveURL(/\/settings\/access$/);
  await hydrated(page);

  await page.getByRole('button', { name: '+ New role' }).click();
  const roleForm = page.locator('form[data-role-form="new"]');
  await roleForm.getByLabel('Name').fill(roleName);
  for (const action of ['read', 'create', 'update', 'export']) {
    await roleForm.locator(`[data-right="deal-${action}"]`).selectOption('own');
  }
  await roleForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`tr[data-role="${roleName}"]`)).toBeVisible();

  await page.getByRole('button', { name: '+ New user' }).click();
  const userForm = page.locator('form[data-user-form="new"]');
  await userForm.getByLabel('Name').fill(who);
  await userForm.getByLabel('Email').fill(email);
  await userForm.getByLabel('Password').fill('a long password');
  await userForm.getByLabel('Department').selectOption({ label: 'Sales' });
  await userForm.locator(`[data-role-choice="${roleName}"]`).check();
  await userForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`tr[data-user="${email}"]`)).toContainText(roleName);
  await expect(page.locator(`tr[data-user="${email}"]`)).toContainText('Sales');

  const list = await api(page.request, baseURL!, 'list_items', { entity: 'deal', search: null, stage_id: null, before: null });
  const foreign = list.json.rows[0].id;

  const context = await browser.newContext();
  const pat = await context.newPage();
  await signIn(pat, { email, password: 'a long password', name: who });
  await expect(pat.locator('table.items tbody tr')).toHaveCount(0);
  await expect(pat.getByRole('link', { name: 'New', exact: true })).toBeVisible();
  await pat.goto('/crm/contact');
  await expect(pat.getByRole('link', { name: 'New', exact: true })).toHaveCount(0);
  await expect(pat.getByRole('link', { name: 'Export CSV' })).toHaveCount(0);
  await pat.goto(`/crm/deal/${foreign}`);
  await expect(pat.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
  const csv = await pat.request.get('/crm/deal/export.csv');
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim().split('\n')).toHaveLength(1);
  await expect(pat.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await context.close();
});

test('a role kept from the Support pipeline: its user finds no Support deal on the board, list or card', async ({ page, browser, baseURL }) => {
  const who = unique('Sol').replace(/\s+/g, '');
  const email = `${who.toLowerCase()}@example.com`;
  const roleName = unique('Sales only');
  await signIn(page, DEMO.admin);
  const settings = await api(page.request, baseURL!, 'access_settings', {});
  const support = (settings.json.pipelines.deal as [number, string][]).find(([, n]) => n === 'Support')![0];
  const board = await api(page.request, baseURL!, 'board', { entity: 'deal', pipeline: support, search: null });
  const supportDeal = board.json.columns.flatMap((c: { cards: { id: number }[] }) => c.cards)[0].id;

  await page.goto('/settings/access');
  await hydrated(page);
  await page.getByRole('button', { name: '+ New role' }).click();
  const roleForm = page.locator('form[data-role-form="new"]');
  await roleForm.getByLabel('Name').fill(roleName);
  for (const action of ['read', 'create', 'update']) {
    await roleForm.locator(`[data-right="deal-${action}"]`).selectOption('all');
  }
  const supportBox = roleForm.locator(`[data-pipeline-right="deal-${support}"]`);
  await expect(supportBox).toBeChecked();
  await supportBox.uncheck();
  await roleForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`tr[data-role="${roleName}"]`)).toBeVisible();
  // Opened again, the role shows Support unticked.
  await page.locator(`tr[data-role="${roleName}"]`).getByRole('button', { name: 'Edit' }).click();
  await expect(page.locator(`[data-pipeline-right="deal-${support}"]`)).not.toBeChecked();

  await page.getByRole('button', { name: '+ New user' }).click();
  const userForm = page.locator('form[data-user-form="new"]');
  await userForm.getByLabel('Name').fill(who);
  await userForm.getByLabel('Email').fill(email);
  await userForm.getByLabel('Password').fill('a long password');
  await userForm.locator(`[data-role-choice="${roleName}"]`).check();
  await userForm.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`tr[data-user="${email}"]`)).toContainText(roleName);

  const context = await browser.newContext();
  const sol = await context.newPage();
  await signIn(sol, { email, password: 'a long password', name: who });
  await expect(sol.locator('table.items tbody tr').first()).toBeVisible();
  await expect(sol.locator('select[name="stage"] option')).not.toContainText(['Support']);
  await sol.goto(`/crm/deal/kanban?pipeline=${support}`);
  await hydrated(sol);
  await expect(sol.locator('.board-column').first()).toBeVisible();
  // Other pipelines may be offered (other specs make some); Support is not, nor shown.
  await expect(sol.locator('.pipeline-switch a', { hasText: 'Support' })).toHaveCount(0);
  await expect(sol.locator('.board-column h2').first()).toHaveText('New');
  await expect(sol.locator(`.board-card a[href="/crm/deal/${supportDeal}"]`)).toHaveCount(0);
  await sol.goto(`/crm/deal/${supportDeal}`);
  await expect(sol.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
  await context.close();
});
