// With JavaScript off: the server renders everything a reader needs.
import { accessibilityViolations, DEMO, expect, signIn, test } from './helpers';

test('sign in, the list and a card work as plain HTML', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.anna.email);
  await page.getByLabel('Password').fill(DEMO.anna.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/crm\/deal$/);
  const rows = page.locator('table.items tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(20);
  await page.getByRole('link', { name: 'Companies' }).click();
  await expect(page.getByRole('heading', { name: 'Companies' })).toBeVisible();
  await page.locator('table.items a', { hasText: 'Porto Wines' }).click();
  await expect(page.locator('.card-title')).toHaveText('Porto Wines');
  await expect(page.locator('[data-field="website"] a')).toHaveAttribute('href', 'https://www.portowines.example');
  await expect(page.locator('.timeline .event').last()).toContainText('Item created');
  await page.getByRole('tab', { name: 'Relations' }).click();
  await expect(page.locator('.relations')).toContainText('Items referring to this one');
});

test('a deal card shows its stage bar, sections and timeline without JavaScript', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.anna.email);
  await page.getByLabel('Password').fill(DEMO.anna.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto('/crm/deal?q=Annual+supply+contract');
  await page.locator('table.items a').first().click();
  await expect(page.locator('.stage.current')).toHaveText('In progress');
  await expect(page.locator('[data-section="about"] h2')).toHaveText('About the deal');
  await expect(page.locator('.timeline .event')).toHaveCount(20);
  await page.goto('/crm/deal/999999');
  await expect(page.getByRole('heading', { name: 'Page not found.' })).toBeVisible();
});

test('CRM settings → Custom fields lists every field of each type without JavaScript', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Custom fields' })).toBeVisible();
  await expect(page.locator('tr[data-field-row="title"]')).toContainText('Deal name');
  await expect(page.locator('tr[data-field-row="title"]')).toContainText('System');
  await expect(page.locator('tr[data-field-row="title"]')).toContainText('Always');
  await page.locator('.entity-tabs').getByRole('link', { name: 'Contacts' }).click();
  await expect(page.locator('tr[data-field-row="email"]')).toContainText('Email (multiple)');
});

test('staff get no CRM settings', async ({ page }) => {
  await signIn(page, DEMO.anna);
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await page.goto('/settings/fields/deal');
  await expect(page.getByRole('heading', { name: 'You do not have access to this.' })).toBeVisible();
});

test('Settings → Smart processes and the recycle bin render without JavaScript', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('.settings-nav').getByRole('link', { name: 'Smart processes' }).click();
  await expect(page.getByRole('heading', { name: 'Smart processes' })).toBeVisible();
  await expect(page.locator('tr[data-type="deal"]')).toContainText('Deals');
  await expect(page.locator('tr[data-type="quote"] td').first()).toHaveText('7');
  await page.locator('.user').getByRole('link', { name: 'Recycle bin' }).click();
  await expect(page.getByRole('heading', { name: 'Recycle bin' })).toBeVisible();
  await expect(page.locator('.recycle-bin .hint')).toContainText('30 days');
});

test('a throttled sign-in answers 429 with a page that says how long to wait', async ({ page }) => {
  const email = `throttled-nojs-${Date.now()}@example.com`;
  let last = 0;
  page.on('response', (r) => {
    if (r.url().endsWith('/api/login')) last = r.status();
  });
  for (let i = 0; i < 5; i++) {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  expect(last).toBe(429);
  await expect(page.getByRole('alert')).toHaveText(/Too many failed sign-ins\. Try again in \d+ seconds/);
  expect(await accessibilityViolations(page, false), 'the 429 page').toEqual([]);
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('Email')).toBeVisible();
});

test('the kanban board reads as columns of links to the cards', async ({ page }) => {
  // Marco: the menu then opens his deals as the board, which no other test of his minds.
  await signIn(page, DEMO.marco);
  await page.goto('/crm/deal/kanban');
  await expect(page.locator('.board-column h2').first()).toHaveText('New');
  const link = page.locator('.board-card a.card-title').first();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/crm\/deal\/\d+$/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator('.stage-bar')).toBeVisible();
  // From now on the menu opens his deals as the board, the way he last looked at them.
  await expect(page.locator('nav.entities').getByRole('link', { name: 'Deals' })).toHaveAttribute('href', '/crm/deal/kanban');
});
