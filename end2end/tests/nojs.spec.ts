// With JavaScript off: the server renders everything a reader needs.
import { test, expect } from '@playwright/test';
import { DEMO } from './helpers';

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
