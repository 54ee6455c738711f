import { test, expect } from '@playwright/test';
import { DEMO, api, signIn, unique } from './helpers';

test('a wrong password is refused with a message, the right one opens the deals', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.anna.email);
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Deals' })).toBeVisible();
  await expect(page.locator('.user-name')).toHaveText(DEMO.anna.name);
});

test('pages need a session, and signing out ends it', async ({ page }) => {
  await page.goto('/crm/contact');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/crm/deal');
  await expect(page).toHaveURL(/\/login$/);
});

test('"Sign out everywhere" ends the sessions of every browser of the user', async ({ page, browser, baseURL }) => {
  // A user of its own: other specs' sessions (same server, run alongside) are left alone.
  await signIn(page, DEMO.admin);
  const email = `${unique('everywhere').replace(/\s+/g, '').toLowerCase()}@example.com`;
  const access = await api(page.request, baseURL!, 'access_settings', {});
  const employee = access.json.roles.find((r: { name: string }) => r.name === 'Employee').id;
  const made = await api(page.request, baseURL!, 'save_user', {
    id: null, user: { name: 'Eve Everywhere', email, password: 'a long password', department_id: null, roles: [employee], active: true },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const who = { email, password: 'a long password' };
  const other = await browser.newContext();
  const phone = await other.newPage();
  await signIn(phone, who);
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  await signIn(laptop, who);
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop).toHaveURL(/\/login$/);
  await phone.goto('/crm/deal');
  await expect(phone).toHaveURL(/\/login$/);
  await page.goto('/crm/deal');
  await expect(page).toHaveURL(/\/crm\/deal$/);
  await other.close();
  await laptopContext.close();
});
