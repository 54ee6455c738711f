import { test, expect } from '@playwright/test';
import { DEMO, signIn } from './helpers';

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
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/crm/deal');
  await expect(page).toHaveURL(/\/login$/);
});
