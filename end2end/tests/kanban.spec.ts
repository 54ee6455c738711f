// The kanban board: deals dragged across the columns by mouse, finger and keyboard; a final
// stage asks first; a stage requiring a field asks for it in a small form; a move someone else
// made first is shown and the board corrected; a second
// browser sees a move within seconds (without JavaScript: nojs.spec.ts). The spec
// works in a pipeline of its own, so other specs' deals stay where they are.
import { type Locator, type Page } from '@playwright/test';
import { api, DEMO, expect, hydrated, open, signIn, test, unique } from './helpers';

test.use({ viewport: { width: 1600, height: 1000 } });

type Stage = { id: number; name: string };

/** A pipeline of deals of the spec's own (New, In progress, Won, Lost) with `titles` in New. */
async function pipelineWithDeals(page: Page, baseURL: string, titles: string[]) {
  const name = unique('Board');
  const made = await api(page.request, baseURL, 'edit_pipelines', { entity: 'deal', edit: { op: 'create_pipeline', name } });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const pipeline = made.json.pipelines.find((p: { name: string }) => p.name === name);
  const ids: number[] = [];
  for (const title of titles) {
    const res = await api(page.request, baseURL, 'create_item', { entity: 'deal', pipeline_id: pipeline.id, values: { title: { t: 'text', v: title } } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    ids.push(res.json as number);
  }
  const stage = (n: string): Stage => pipeline.stages.find((s: Stage) => s.name === n);
  return { id: pipeline.id as number, ids, stage };
}

function column(page: Page, stage: Stage) {
  return page.locator(`.board-column[data-stage="${stage.id}"]`);
}

function tile(page: Page, title: string) {
  return page.locator('.board-card').filter({ hasText: title });
}

async function drag(page: Page, handle: Locator, target: Locator) {
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(40, to.height / 2), { steps: 10 });
  await page.mouse.up();
}

/** A finger: pointer events of a touch pointer, from the handle to a spot in the target. */
async function swipe(page: Page, handle: Locator, target: Locator) {
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('not on screen');
  const touch = { pointerType: 'touch', isPrimary: true, bubbles: true, pointerId: 7 };
  await handle.dispatchEvent('pointerdown', { ...touch, clientX: from.x + 5, clientY: from.y + 5 });
  const board = page.locator('.board-area');
  const [x, y] = [to.x + to.width / 2, to.y + Math.min(40, to.height / 2)];
  await board.dispatchEvent('pointermove', { ...touch, clientX: x, clientY: y });
  await board.dispatchEvent('pointerup', { ...touch, clientX: x, clientY: y });
}

test('deals move across the board by mouse, finger and keyboard, and a final stage asks first', async ({ page, browser, baseURL }) => {
  await signIn(page, DEMO.admin);
  const [a, b, c, d] = ['Mouse', 'Finger', 'Keys', 'Closing'].map((t) => unique(t));
  const p = await pipelineWithDeals(page, baseURL!, [a, b, c, d]);
  const [fresh, working, won] = [p.stage('New'), p.stage('In progress'), p.stage('Won')];
  await open(page, `/crm/deal/kanban?pipeline=${p.id}`);
  await expect(column(page, fresh).locator('.count')).toHaveText('4');
  await expect(column(page, fresh).locator('.sums')).toHaveText('');

  // A second browser watches the same board.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, DEMO.admin);
  await open(other, `/crm/deal/kanban?pipeline=${p.id}`);

  await drag(page, tile(page, a).locator('.handle'), column(page, working));
  await expect(column(page, working).locator('.board-card')).toHaveText([new RegExp(a)]);
  await expect(column(page, fresh).locator('.count')).toHaveText('3');
  await expect(column(other, working).locator('.board-card').filter({ hasText: a })).toHaveCount(1, { timeout: 15_000 });

  await swipe(page, tile(page, b).locator('.handle'), column(page, working));
  await expect(column(page, working).locator('.board-card').filter({ hasText: b })).toHaveCount(1);

  const keys = tile(page, c).locator('.handle');
  await keys.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('.sr-only[aria-live="assertive"]')).toContainText('lifted');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.sr-only[aria-live="assertive"]')).toContainText(`over ${working.name}`);
  await page.keyboard.press('Space');
  await expect(column(page, working).locator('.board-card').filter({ hasText: c })).toHaveCount(1);
  await expect(column(page, working).locator('.count')).toHaveText('3');

  // Won is folded into a drop zone below the board; a move there asks first, Cancel keeps it.
  const zone = page.locator(`.final-zone[data-stage="${won.id}"]`);
  await drag(page, tile(page, d).locator('.handle'), zone);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(won.name);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(column(page, fresh).locator('.board-card').filter({ hasText: d })).toHaveCount(1);
  await drag(page, tile(page, d).locator('.handle'), zone);
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(zone.locator('.count')).toHaveText('1');
  await expect(tile(page, d)).toHaveCount(0);

  // Final stages as columns, remembered for the user: after a reload, and in their other browser.
  await page.getByRole('button', { name: 'Final stages as columns' }).click();
  await expect(column(page, won).locator('.board-card').filter({ hasText: d })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Final stages as columns' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => {
    await open(other, `/crm/deal/kanban?pipeline=${p.id}`);
    return other.locator(`.board .board-column[data-stage="${won.id}"]`).count();
  }).toBe(1);
  await page.reload();
  await hydrated(page);
  await expect(column(page, won).locator('.board-card').filter({ hasText: d })).toHaveCount(1);
  // Back to drop zones, as the other specs of this user expect.
  const wonColumn = (on: Page) => on.locator(`.board .board-column[data-stage="${won.id}"]`);
  await page.getByRole('button', { name: 'Final stages as columns' }).click();
  await expect(wonColumn(page)).toHaveCount(0);
  await expect.poll(async () => {
    await open(other, `/crm/deal/kanban?pipeline=${p.id}`);
    return wonColumn(other).count();
  }).toBe(0);

  // The card of a moved deal shows the move on its timeline.
  await tile(page, a).getByRole('link', { name: a }).click();
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${p.ids[0]}$`));
  await expect(page.locator('.stage-bar .stage[aria-current="step"]')).toHaveText(working.name);
});

test('a move someone else made first is shown and corrected; quick add; a stage requiring a field asks for it', async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const title = unique('Raced');
  const p = await pipelineWithDeals(page, baseURL!, [title]);
  const [fresh, working] = [p.stage('New'), p.stage('In progress')];
  // The board does not poll here, so it still shows the deal where it was.
  await page.route('**/api/board_token', (route) => route.abort());
  await open(page, `/crm/deal/kanban?pipeline=${p.id}`);
  const moved = await api(page.request, baseURL!, 'move_stage', { entity: 'deal', id: p.ids[0], version: 1, stage_id: working.id });
  expect(moved.status).toBe(200);
  await expect(column(page, fresh).locator('.board-card').filter({ hasText: title })).toHaveCount(1);
  await drag(page, tile(page, title).locator('.handle'), page.locator(`.final-zone[data-stage="${p.stage('Lost').id}"]`));
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('Someone else changed this meanwhile');
  await expect(column(page, working).locator('.board-card').filter({ hasText: title })).toHaveCount(1);

  const added = unique('Quick');
  await page.getByPlaceholder('Quick add: title, then Enter').fill(added);
  await page.getByPlaceholder('Quick add: title, then Enter').press('Enter');
  await expect(column(page, fresh).locator('.board-card').filter({ hasText: added })).toHaveCount(1);

  // "In progress" of this pipeline requires a comment: the move asks for just that field, and
  // Save writes it and completes the move.
  const admin = await api(page.request, baseURL!, 'field_settings', { entity: 'deal' });
  const comment = admin.json.fields.find((f: { code: string }) => f.code === 'comment');
  const settings = { ...comment.settings, required: { always: false, stages: [working.id] } };
  const spec = { label: comment.label, field_type: comment.field_type, multiple: comment.multiple, settings };
  const configured = await api(page.request, baseURL!, 'configure_field', { entity: 'deal', code: 'comment', spec });
  expect(configured.status, JSON.stringify(configured.json)).toBe(200);
  await drag(page, tile(page, added).locator('.handle'), column(page, working));
  const ask = page.getByRole('dialog');
  await expect(ask).toContainText(`To move “${added}” to In progress, fill in:`);
  await ask.getByRole('button', { name: 'Save and move' }).click();
  await expect(ask.locator('.has-error')).toHaveCount(1);
  await ask.getByLabel('Comment').fill('Called them back');
  await ask.getByRole('button', { name: 'Save and move' }).click();
  await expect(ask).toHaveCount(0);
  await expect(column(page, working).locator('.board-card').filter({ hasText: added })).toHaveCount(1);
});

test('quick add asks in a small form for the fields a new item needs besides its title', async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  const code = `visit-${tag}`;
  const name = `Visit ${tag}`;
  const spec = { name, plural: `Visits ${tag}`, code, stages: true, several_pipelines: false, client_contact: false, client_company: false, links: [], in_menu: true };
  const made = await api(page.request, baseURL!, 'create_type', { spec });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  const field = { label: 'Purpose', field_type: 'string', multiple: false, settings: { required: { always: true, stages: [] } } };
  const created = await api(page.request, baseURL!, 'create_field', { entity: code, spec: field });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  await open(page, `/crm/${code}/kanban`);
  const title = unique('Walk-in');
  await page.getByPlaceholder('Quick add: title, then Enter').fill(title);
  await page.getByPlaceholder('Quick add: title, then Enter').press('Enter');
  const ask = page.getByRole('dialog');
  await expect(ask).toContainText(`To add “${title}”, fill in:`);
  await ask.getByLabel('Purpose').fill('Site survey');
  await ask.getByRole('button', { name: 'Save' }).click();
  await expect(ask).toHaveCount(0);
  await expect(page.locator('.board-column').first().locator('.board-card').filter({ hasText: title })).toHaveCount(1);
  const gone = await api(page.request, baseURL!, 'delete_type', { entity: code, confirm: name });
  expect(gone.status, JSON.stringify(gone.json)).toBe(200);
});
