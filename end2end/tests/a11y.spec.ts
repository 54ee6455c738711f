// Accessibility (docs/ACCESSIBILITY.md): axe-core's WCAG 2.1 A and AA rules on every kind of
// page, hydrated, in card settings mode and with dialogs open (every other spec's pages are
// checked too, as each test leaves them: helpers.ts); and the card worked with the keyboard
// alone, its focus always visible.
import { type Page } from '@playwright/test';
import { accessibilityViolations, createDeal, DEMO, expect, field, hydrated, open, signIn, test, unique } from './helpers';

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), what).toEqual([]);
}

test('every page passes WCAG 2.1 AA: lists, card, settings mode, dialogs, admin pages', async ({ page, baseURL }) => {
  await page.goto('/login');
  await expectAccessible(page, 'sign-in');
  await signIn(page, DEMO.admin);
  const id = await createDeal(page, baseURL!, unique('Accessible'));
  for (const path of ['/crm/deal', '/crm/lead', '/crm/contact', '/crm/deal/new', `/crm/deal/${id}`, `/crm/deal/${id}?tab=history`,
    `/crm/deal/${id}?tab=relations`, '/settings/access', '/settings/types', '/settings/fields/deal', '/settings/recycle-bin',
    '/crm/deal/999999']) {
    await open(page, path);
    await expectAccessible(page, path);
  }
  await open(page, `/crm/deal/${id}`);
  // A section being edited.
  await field(page, 'probability').click();
  await expect(field(page, 'probability').locator('input')).toBeFocused();
  await expectAccessible(page, 'a section being edited');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Cancel' }).click();
  // A final stage's confirmation.
  await page.locator('.stage-bar [data-stage="won"]').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'the final stage dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  // Card settings mode, and the new-field dialog.
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.locator('[data-section="more"]').getByRole('button', { name: '+ Create field' })).toBeEnabled();
  await expectAccessible(page, 'card settings');
  await page.locator('[data-section="more"]').getByRole('button', { name: '+ Create field' }).click();
  await expect(page.locator('form[data-field-form="new-field"]')).toBeVisible();
  await expectAccessible(page, 'the new-field dialog');
});

test('the card works with the keyboard alone, focus always visible: edit, save, stage, comment', async ({ page, baseURL }) => {
  await signIn(page);
  const id = await createDeal(page, baseURL!, unique('Keyboard'));
  await open(page, `/crm/deal/${id}`);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const unseen: string[] = [];
  /** Presses Tab until `matches` holds for the focused element; each one reached must show focus. */
  async function tabTo(what: string, matches: (el: Element) => boolean) {
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluateHandle(() => document.activeElement);
      const visible = await focused.evaluate(async (el) => {
        // Once the browser has painted the focus (a frame after the key).
        await new Promise((done) => requestAnimationFrame(() => done(null)));
        if (!el || el === document.body) return true;
        const s = getComputedStyle(el as Element);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      });
      const name = await focused.evaluate((el) => (el as Element)?.outerHTML.slice(0, 80) ?? '');
      if (!visible) unseen.push(name);
      if (await focused.evaluate(matches as (el: Element | null) => boolean)) return;
    }
    throw new Error(`Tab never reached ${what}`);
  }
  await tabTo('the Probability field', (el) => el?.getAttribute('data-field') === 'probability');
  await page.keyboard.press('Enter');
  await expect(field(page, 'probability').locator('input')).toBeFocused();
  await page.keyboard.type('64');
  await tabTo('Save', (el) => el?.tagName === 'BUTTON' && el.textContent?.trim() === 'Save');
  await page.keyboard.press('Enter');
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('64');
  await tabTo('the stage "In progress"', (el) => el?.getAttribute('data-stage') === 'in_progress');
  await page.keyboard.press('Enter');
  await expect(page.locator('.stage-bar .stage.current')).toHaveText('In progress');
  await tabTo('the comment box', (el) => el?.tagName === 'TEXTAREA');
  await page.keyboard.type('Typed without a mouse');
  await tabTo('Send', (el) => el?.tagName === 'BUTTON' && el.textContent?.trim() === 'Send');
  await page.keyboard.press('Enter');
  await expect(page.locator('.timeline .event').first()).toContainText('Typed without a mouse');
  expect(unseen, 'elements focused without a visible focus mark').toEqual([]);
});
