// Card settings mode on quotes (no other spec uses quotes, so layout changes here disturb none).
import { type Page } from '@playwright/test';
import { api, COMMON, DEMO, expect, hydrated, signIn, test } from './helpers';

test.describe.configure({ mode: 'serial' });
// Tall enough that drag sources and targets are on screen together (one test shrinks it to
// drag past the window's edge).
test.use({ viewport: { width: 1280, height: 1600 } });

let quote = 0;

async function openQuote(page: Page) {
  await page.goto(`/crm/quote/${quote}`);
  await hydrated(page);
}

async function settings(page: Page) {
  // The button works once the page is hydrated (after a reload too).
  await hydrated(page);
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.locator('.layout-editor')).toBeVisible();
}

async function finish(page: Page) {
  await expect(page.locator('.save-status')).not.toHaveText('Saving…');
  await page.getByRole('button', { name: 'Finish configuration' }).click();
  await expect(page.locator('.layout-editor')).toHaveCount(0);
}

function fieldsOf(page: Page, section: string) {
  return page.locator(`[data-section="${section}"] .fields .field`);
}

test.beforeEach(async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  // Back to the shipped layout (version 1) when a common layout exists.
  await api(page.request, baseURL!, 'rollback_layout', { entity: 'quote', view: COMMON, version: 1 });
  if (!quote) {
    const list = await api(page.request, baseURL!, 'list_items', { entity: 'quote', search: null, stage_id: null, before: null });
    quote = list.json.rows[0].id;
  }
});

test('a field moved with the keyboard lands in another section and stays after a reload', async ({ page }) => {
  await openQuote(page);
  await settings(page);
  const handle = page.locator('[data-field-handle="amount"]');
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('Amount lifted');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('position 1 of 3 in Deal and client');
  await page.keyboard.press('Space');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('Amount dropped in Deal and client');
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await finish(page);
  await expect(fieldsOf(page, 'links').first()).toHaveAttribute('data-field', 'amount');
  await page.reload();
  await expect(fieldsOf(page, 'links').first()).toHaveAttribute('data-field', 'amount');
});

test('Escape cancels a keyboard move', async ({ page }) => {
  await openQuote(page);
  await settings(page);
  await page.locator('[data-field-handle="title"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('Move of Quote name cancelled');
  await expect(page.locator('[data-section="about"] .layout-fields li').first()).toHaveAttribute('data-field', 'title');
});

test('a field dragged with the mouse into another section is saved', async ({ page }) => {
  await openQuote(page);
  await settings(page);
  const from = await page.locator('[data-field-handle="comment"]').boundingBox();
  const to = await page.locator('[data-section="about"] li[data-field="title"]').boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(to!.x + 40, to!.y + 3, { steps: 8 });
  await expect(page.locator('[data-section="about"] li[data-field="title"]')).toHaveClass(/drop-before/);
  await page.mouse.up();
  await expect(page.locator('[data-section="about"] .layout-fields li').first()).toHaveAttribute('data-field', 'comment');
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await page.reload();
  await expect(fieldsOf(page, 'about').first()).toHaveAttribute('data-field', 'comment');
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a field dragged by a finger into another section is saved, and the page does not scroll', async ({ page }) => {
    await openQuote(page);
    await settings(page);
    const from = await page.locator('[data-field-handle="comment"]').boundingBox();
    const to = await page.locator('[data-section="about"] li[data-field="title"]').boundingBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    // Real touch input (touchstart, touchmove, touchend), which the browser turns into pointer
    // events of type "touch"; a page that let the finger pan would scroll instead of dragging.
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: string, x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const x0 = from!.x + from!.width / 2;
    const y0 = from!.y + from!.height / 2;
    const x1 = to!.x + 40;
    const y1 = to!.y + 3;
    await touch('touchStart', x0, y0);
    for (let i = 1; i <= 8; i++) await touch('touchMove', x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8);
    await expect(page.locator('[data-section="about"] li[data-field="title"]')).toHaveClass(/drop-before/);
    await touch('touchEnd', x1, y1);
    await expect(page.locator('[data-section="about"] .layout-fields li').first()).toHaveAttribute('data-field', 'comment');
    await expect(page.locator('.save-status')).toHaveText('Saved');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await page.reload();
    await expect(fieldsOf(page, 'about').first()).toHaveAttribute('data-field', 'comment');
  });
});

test('a hidden field keeps its value and can be shown again', async ({ page }) => {
  await openQuote(page);
  const amount = await page.locator('[data-field="amount"] .field-value').textContent();
  expect(amount).toMatch(/\d/);
  await settings(page);
  await page.locator('[data-section="about"] li[data-field="amount"]').getByRole('button', { name: 'Hide' }).click();
  await finish(page);
  await expect(page.locator('[data-field="amount"]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-field="amount"]')).toHaveCount(0);
  await settings(page);
  await page.locator('[data-section="more"]').getByRole('button', { name: 'Select field' }).click();
  await page.locator('[data-show-field="amount"]').click();
  await finish(page);
  await expect(page.locator('[data-section="more"] [data-field="amount"] .field-value')).toHaveText(amount!);
});

test('deleting a section hides its fields and keeps their values', async ({ page }) => {
  await openQuote(page);
  const deal = await page.locator('[data-field="deal"] .field-value').textContent();
  await settings(page);
  await page.locator('[data-section="links"]').getByRole('button', { name: 'Delete section' }).click();
  await expect(page.locator('[data-section="links"] .confirm-delete')).toContainText('Their data stays');
  await page.locator('[data-section="links"] .confirm-delete').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('[data-section="links"]')).toHaveCount(0);
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Select field' }).click();
  await page.locator('[data-show-field="deal"]').click();
  await finish(page);
  await expect(page.locator('[data-section="about"] [data-field="deal"] .field-value')).toHaveText(deal!);
  await expect(page.locator('[data-field="contact"]')).toHaveCount(0);
});

test('leaving settings mode on a slow network: an edit opened at once stays open', async ({ page }) => {
  await openQuote(page);
  await settings(page);
  await page.locator('[data-section="about"] li[data-field="amount"]').getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.save-status')).toHaveText('Saved');
  // The card's layout now takes a second to arrive; count the fetches still under way.
  let fetching = 0;
  const isLayout = (url: string) => url.includes('/api/card_layout');
  page.on('request', (r) => { if (isLayout(r.url())) fetching += 1; });
  const done = (r: { url(): string }) => { if (isLayout(r.url())) fetching -= 1; };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  await page.route('**/api/card_layout', async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Finish configuration' }).click();
  // The first "Edit" on screen is clicked at once: the sections must not be drawn again after.
  const about = page.locator('[data-section="about"]');
  await about.getByRole('button', { name: 'Edit' }).click();
  await expect.poll(() => fetching).toBe(0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const name = `Quote renamed ${Date.now()}`;
  await about.getByLabel('Quote name').fill(name);
  await about.getByRole('button', { name: 'Save' }).click();
  await expect(about.locator('[data-field="title"] .field-value')).toHaveText(name);
  await expect(page.locator('[data-field="amount"]')).toHaveCount(0);
});

test('card settings wait for a section being edited: what was typed stays', async ({ page }) => {
  await openQuote(page);
  const about = page.locator('[data-section="about"]');
  await about.getByRole('button', { name: 'Edit' }).click();
  const name = `Quote typed ${Date.now()}`;
  await about.getByLabel('Quote name').fill(name);
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.locator('.notice')).toContainText('Save or cancel the section you are editing first.');
  await expect(page.locator('.layout-editor')).toHaveCount(0);
  await expect(about.getByLabel('Quote name')).toHaveValue(name);
  await about.getByRole('button', { name: 'Save' }).click();
  await expect(about.locator('[data-field="title"] .field-value')).toHaveText(name);
  await expect(page.locator('.notice')).toHaveCount(0);
  await settings(page);
  await finish(page);
  await expect(about.locator('[data-field="title"] .field-value')).toHaveText(name);
});

test('settings mode opens whole: nothing arrives later and moves what is about to be clicked', async ({ page }) => {
  await openQuote(page);
  // Where "+ Create section" is the moment settings mode appears, and whether the views panel
  // (the common view's settings, named views, preview) is already there above the sections.
  await page.evaluate(() => {
    const w = window as unknown as { atOpen?: { bar: boolean; top: number } };
    new MutationObserver((_, observer) => {
      const editor = document.querySelector('.layout-editor');
      const create = editor?.querySelector('button.create');
      if (!editor || !create) return;
      w.atOpen = { bar: !!editor.querySelector('.views-bar'), top: create.getBoundingClientRect().top };
      observer.disconnect();
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByRole('button', { name: 'Card settings' }).click();
  const create = page.getByRole('button', { name: '+ Create section' });
  await expect(create).toBeVisible();
  // Everything settings mode loads is in: the field settings enable "Configure".
  await expect(page.locator('.layout-fields').getByRole('button', { name: 'Configure' }).first()).toBeEnabled();
  await expect(page.locator('.views-bar').first()).toBeVisible();
  const atOpen = await page.evaluate(() => (window as unknown as { atOpen?: { bar: boolean; top: number } }).atOpen);
  expect(atOpen?.bar).toBe(true);
  const now = await create.evaluate((el) => el.getBoundingClientRect().top);
  expect(now).toBe(atOpen?.top);
});

test('sections are created and renamed, tabs hidden, and history rolls back', async ({ page }) => {
  await openQuote(page);
  await settings(page);
  await page.getByRole('button', { name: '+ Create section' }).click();
  await page.getByPlaceholder('Section name').fill('Terms');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  const created = page.locator('.layout-section[data-section="section1"]');
  await expect(created.locator('h2')).toHaveText('Terms');
  await expect(created).toBeVisible();
  await created.getByRole('button', { name: 'Rename' }).click();
  await created.locator('form.rename input').fill('Terms and conditions');
  await created.locator('form.rename').getByRole('button', { name: 'Save' }).click();
  await page.locator('.tabs-editor li[data-tab="history"]').getByRole('button', { name: 'Hide' }).click();
  await finish(page);
  await expect(page.getByRole('heading', { name: 'Terms and conditions' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveCount(0);
  await settings(page);
  await page.getByRole('button', { name: 'Layout history' }).click();
  const versions = page.locator('.versions > li');
  await expect(versions.first()).toContainText('Tab History hidden');
  await expect(versions.first()).toContainText('Alex Morgan');
  await page.locator('.versions > li[data-version="1"]').getByRole('button', { name: 'Roll back to this version' }).click();
  await expect(versions.first()).toContainText('Rolled back to version 1');
  await finish(page);
  await expect(page.getByRole('tab', { name: 'History' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Terms and conditions' })).toHaveCount(0);
});

test('a field being created keeps what was typed when another admin changes its section meanwhile', async ({ page, baseURL }) => {
  await openQuote(page);
  await settings(page);
  const links = page.locator('[data-section="links"]');
  await links.getByRole('button', { name: '+ Create field' }).click();
  const form = page.locator('form[data-field-form="new-field"]');
  await form.getByLabel('Type').selectOption({ label: 'Email' });
  await form.getByLabel('Name').fill('Typed before their change');
  // Another admin hides a field of that very section.
  const editor = await api(page.request, baseURL!, 'layout_editor', { entity: 'quote', view: COMMON });
  const theirs = await api(page.request, baseURL!, 'save_layout', {
    entity: 'quote', view: COMMON, version: editor.json.version, ops: [{ op: 'hide_field', code: 'deal' }],
  });
  expect(theirs.status).toBe(200);
  // This admin's next change, elsewhere, brings theirs onto the screen.
  await page.locator('li[data-field="comment"]').getByRole('button', { name: 'Hide' }).click();
  await expect(page.locator('.save-status')).toContainText('Changes made by others meanwhile were kept');
  await expect(links.locator('li[data-field="deal"]')).toHaveCount(0);
  // The dialog is still the one being filled in.
  await expect(form.getByLabel('Name')).toHaveValue('Typed before their change');
  await expect(form.getByLabel('Type').locator('option:checked')).toHaveText('Email');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await finish(page);
});

test('two admins configuring at once both keep their changes', async ({ browser, page }) => {
  await openQuote(page);
  await settings(page);
  const other = await browser.newContext();
  const second = await other.newPage();
  await signIn(second, DEMO.admin);
  await second.goto(`/crm/quote/${quote}`);
  await hydrated(second);
  await settings(second);
  // First admin moves the valid-until date to the top; the second, from the same version, hides the comment.
  await page.locator('[data-field-handle="valid_until"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await second.locator('li[data-field="comment"]').getByRole('button', { name: 'Hide' }).click();
  await expect(second.locator('.save-status')).toContainText('Changes made by others meanwhile were kept');
  await expect(second.locator('[data-section="about"] .layout-fields li').first()).toHaveAttribute('data-field', 'valid_until');
  await finish(second);
  await page.reload();
  await expect(fieldsOf(page, 'about').first()).toHaveAttribute('data-field', 'valid_until');
  await expect(page.locator('[data-field="comment"]')).toHaveCount(0);
  await other.close();
});

test('tabs are reordered by dragging with the mouse and with the keyboard', async ({ page }) => {
  await openQuote(page);
  await settings(page);
  const from = await page.locator('[data-tab-handle="history"]').boundingBox();
  const to = await page.locator('.tabs-editor li[data-tab="general"]').boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(to!.x + 40, to!.y + 3, { steps: 8 });
  await expect(page.locator('.tabs-editor li[data-tab="general"]')).toHaveClass(/drop-before/);
  await page.mouse.up();
  await expect(page.locator('.tabs-editor li').first()).toHaveAttribute('data-tab', 'history');
  await page.locator('[data-tab-handle="general"]').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('General dropped in Tabs');
  await expect(page.locator('.save-status')).toHaveText('Saved');
  await finish(page);
  const order = ['History', 'Relations', 'General'];
  await expect(page.getByRole('tab')).toHaveText(order);
  await page.reload();
  await expect(page.getByRole('tab')).toHaveText(order);
});

/** In card settings on a 640 px high window, takes the title field and holds it at the bottom
 * edge; answers where the drag started. */
async function holdTitleAtBottomEdge(page: Page) {
  await page.setViewportSize({ width: 1280, height: 640 });
  await openQuote(page);
  await settings(page);
  const from = (await page.locator('[data-field-handle="title"]').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.mouse.move(from.x + 60, 635, { steps: 6 });
  return from;
}

test('dragging near the bottom of the window scrolls to a section out of sight', async ({ page }) => {
  const from = await holdTitleAtBottomEdge(page);
  // Held at the edge, the page scrolls until the "More" section is in view.
  await expect.poll(async () => {
    const box = await page.locator('[data-section="more"] .section-head').boundingBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    return scrolled > 100 && box !== null && box.y > 0 && box.y < 400;
  }, { timeout: 15_000 }).toBe(true);
  // Away from the edge the scrolling stops; only then is the target measured.
  await page.mouse.move(from!.x + 60, 260, { steps: 2 });
  await page.waitForTimeout(200);
  const target = await page.locator('[data-section="more"] li[data-field="comment"]').boundingBox();
  await page.mouse.move(target!.x + 40, target!.y + target!.height - 3, { steps: 4 });
  await page.mouse.up();
  await expect(page.locator('[data-section="more"] .layout-fields li').last()).toHaveAttribute('data-field', 'title');
  await expect(page.locator('.save-status')).toHaveText('Saved');
});

test('with reduced motion asked for, dragging near the edge moves the page in still steps, not a glide', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const from = await holdTitleAtBottomEdge(page);
  const positions: number[] = [];
  const bottoms: number[] = [];
  for (let i = 0; i < 40; i++) {
    const [y, bottom] = await page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight - window.innerHeight]);
    positions.push(y);
    bottoms.push(bottom);
    await page.waitForTimeout(40);
  }
  // Dropped back where it was taken from (the top of the page): nothing changes, nothing is saved.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2, { steps: 2 });
  await page.mouse.up();
  await expect(page.locator('.save-status')).not.toHaveText('Saving…');
  // Each move is most of a window (a smooth glide moves 24 px at a time), or the last one to
  // the bottom of the page.
  const moves = positions.slice(1).map((y, i) => ({ by: y - positions[i], to: y, bottom: bottoms[i + 1] })).filter((m) => m.by !== 0);
  expect(moves.length, `scrollY over time: ${positions.join(' ')}`).toBeGreaterThan(0);
  const gliding = moves.filter((m) => Math.abs(m.by) < 300 && m.to < m.bottom - 1);
  expect(gliding, `scrollY over time: ${positions.join(' ')}`).toEqual([]);
});

test('staff get the offer of a view of their own, never the shared card settings', async ({ page, baseURL }) => {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signIn(page, DEMO.anna);
  await openQuote(page);
  await expect(page.locator('.card-title')).toBeVisible();
  await page.getByRole('button', { name: 'Card settings' }).click();
  await expect(page.getByRole('button', { name: 'Enable my view' })).toBeVisible();
  await expect(page.locator('.layout-editor')).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Enable my view' })).toHaveCount(0);
  const refused = await api(page.request, baseURL!, 'layout_editor', { entity: 'quote', view: COMMON });
  expect(refused.status).toBe(403);
});
