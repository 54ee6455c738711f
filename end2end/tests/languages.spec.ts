// The product in Russian, Portuguese and Italian (docs/LANGUAGES.md): the browser's language,
// the sign-in page's switch and the profile each choose it; sign-in, the list, editing a card
// with the language's number format, and a keyboard move in card settings all speak it, with
// no console errors and no hydration trouble.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Page } from '@playwright/test';
import { createDeal, DEMO, expect, field, hydrated, newEmployee, signIn, test, unique } from './helpers';

/** The one-line messages of a translation file (`key = text`). */
function messages(file: string): Record<string, string> {
  const text = fs.readFileSync(path.resolve(__dirname, '../../locales', file), 'utf8');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z][a-z0-9-]*) = (.*)$/.exec(line);
    if (m && !m[2].includes('{')) out[m[1]] = m[2];
  }
  return out;
}

/** Collects what the browser reports as errors (console and uncaught), to find none. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

const cases = [
  { lang: 'ru', html: 'ru', chosen: 'browser', amount: '1 234,5', shown: '1 234,50 $' },
  { lang: 'pt', html: 'pt-BR', chosen: 'switch', amount: '1.234,5', shown: '$ 1.234,50' },
  { lang: 'it', html: 'it', chosen: 'switch', amount: '1.234,5', shown: '1.234,50 $' },
];

for (const c of cases) {
  test(`${c.lang}: sign in, list, card edit and card settings in the language`, async ({ browser, baseURL }) => {
    const t = messages(`${c.lang}.ftl`);
    const seed = messages(`seed/${c.lang}.ftl`);
    const context = await browser.newContext({ locale: c.chosen === 'browser' ? 'ru-RU' : 'en-US' });
    const page = await context.newPage();
    const errors = errorsOf(page);
    await page.goto('/login');
    if (c.chosen === 'switch') {
      await hydrated(page);
      await page.locator(`.language-switch button[value="${c.lang}"]`).click();
    }
    await expect(page.locator('html')).toHaveAttribute('lang', c.html);
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(t['login-title']);
    await page.locator('input[name="email"]').fill(DEMO.admin.email);
    await page.locator('input[name="password"]').fill(DEMO.admin.password);
    await page.locator('.login-form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/crm\/deal$/);
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', c.html);
    await expect(page.locator('nav.entities')).toContainText(t['type-deals']);
    await expect(page.getByRole('button', { name: t['sign-out'], exact: true })).toBeVisible();

    // A card: the amount typed as the language writes numbers, shown in its money format.
    const id = await createDeal(page, baseURL!, unique(`Negócio ${c.lang}`));
    await page.goto(`/crm/deal/${id}`);
    await hydrated(page);
    await expect(field(page, 'amount').locator('.field-label')).toHaveText(seed['field-deal-amount']);
    await field(page, 'amount').click();
    await field(page, 'amount').locator('input').fill(c.amount);
    await page.locator('[data-section="about"]').getByRole('button', { name: t.save, exact: true }).click();
    await expect(field(page, 'amount').locator('.field-value')).toHaveText(c.shown);
    await page.reload();
    await hydrated(page);
    await expect(field(page, 'amount').locator('.field-value')).toHaveText(c.shown);

    // Card settings: a keyboard move is announced in the language, then cancelled.
    await page.getByRole('button', { name: t['configure-card'] }).click();
    await expect(page.locator('.layout-editor')).toBeVisible();
    await page.locator('[data-field-handle="amount"]').focus();
    await page.keyboard.press('Space');
    const live = page.locator('[aria-live="assertive"]');
    await expect(live).toContainText(seed['field-deal-amount']);
    await expect(live).not.toContainText('lifted');
    await page.keyboard.press('Escape');
    await expect(live).not.toContainText('cancelled');
    await page.getByRole('button', { name: t['finish-configuration'] }).click();
    await expect(page.locator('.layout-editor')).toHaveCount(0);
    expect(errors, 'console errors').toEqual([]);
    await context.close();
  });
}

test('the profile sets the language and time zone, and they stay after signing in again', async ({ page, baseURL, browser }) => {
  await signIn(page, DEMO.admin);
  const who = await newEmployee(page, baseURL!, 'Giulia Profile');
  const context = await browser.newContext({ timezoneId: 'America/Sao_Paulo' });
  const own = await context.newPage();
  const errors = errorsOf(own);
  // Hydrated first: the form then sends the browser's time zone along.
  await own.goto('/login');
  await hydrated(own);
  await own.locator('input[name="email"]').fill(who.email);
  await own.locator('input[name="password"]').fill(who.password);
  await own.locator('.login-form button[type="submit"]').click();
  await expect(own).toHaveURL(/\/crm\/deal$/);
  await own.goto('/profile');
  await hydrated(own);
  // The browser's zone was stored at sign-in.
  await expect(own.getByTestId('profile-time-zone')).toHaveValue('America/Sao_Paulo');
  await own.getByTestId('profile-language').selectOption('it');
  await own.getByTestId('profile-time-zone').selectOption('Europe/Rome');
  await own.getByRole('button', { name: 'Save', exact: true }).click();
  const it = messages('it.ftl');
  await expect(own.locator('html')).toHaveAttribute('lang', 'it');
  await hydrated(own);
  await expect(own.getByRole('heading', { level: 1 })).toHaveText(it.profile);
  await expect(own.getByTestId('profile-time-zone')).toHaveValue('Europe/Rome');
  // Signed out and in again: the profile's language, even in an English browser.
  await own.getByRole('button', { name: it['sign-out'], exact: true }).click();
  await expect(own).toHaveURL(/\/login/);
  await own.locator('input[name="email"]').fill(who.email);
  await own.locator('input[name="password"]').fill(who.password);
  await own.locator('.login-form button[type="submit"]').click();
  await expect(own).toHaveURL(/\/crm\/deal$/);
  await expect(own.locator('html')).toHaveAttribute('lang', 'it');
  expect(errors, 'console errors').toEqual([]);
  await context.close();
});
