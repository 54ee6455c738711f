// Settings → Pipelines and stages: an admin adds a pipeline of deals and shapes its stages —
// adds them, reorders them by keyboard and by mouse, recolours one — then deletes a stage that
// holds a deal, choosing where the deal goes; the deal's card shows the move on its timeline,
// and a card open elsewhere shows a renamed stage within seconds.
// The spec works in a pipeline of its own, so other specs' deals and stages stay as they are.
import { type Locator, type Page } from '@playwright/test';
import { api, DEMO, expect, hydrated, open, signIn, test, unique } from './helpers';

test.use({ viewport: { width: 1400, height: 1400 } });

function stageNames(box: Locator, list: 'work' | 'final') {
  return box.locator(list === 'work' ? 'ol.stage-list:not(.final)' : 'ol.stage-list.final').locator('.stage-badge');
}

function row(box: Locator, name: string) {
  return box.locator('.stage-row').filter({ has: box.page().locator('.stage-badge', { hasText: new RegExp(`^${name}$`) }) });
}

async function addStage(box: Locator, name: string) {
  const count = await box.locator('.stage-row').count();
  await box.locator('[data-add-stage^="work-"] input').fill(name);
  await box.locator('[data-add-stage^="work-"] input').press('Enter');
  await expect(box.locator('.stage-row')).toHaveCount(count + 1);
}

/** Drags a stage by its handle with the mouse onto the upper half of another stage's row. */
async function dragAbove(page: Page, handle: Locator, target: Locator) {
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 40, to.y + to.height / 4, { steps: 8 });
  await page.mouse.up();
}

test('an admin shapes a pipeline: stages added, reordered, recoloured, deleted with their deals moved', async ({ page, browser, baseURL }) => {
  const name = unique('Flow');
  await signIn(page, DEMO.admin);
  await open(page, '/settings/pipelines/deal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pipelines and stages: Deals');

  // A new pipeline starts with its stages; a name taken is explained and nothing is made.
  const newName = page.locator('#new-pipeline-name');
  await newName.fill('sales');
  await page.getByRole('button', { name: '+ Add pipeline' }).click();
  await expect(page.locator('.new-pipeline .field-error')).toHaveText('Another one here already has this name.');
  await newName.fill(name);
  await page.getByRole('button', { name: '+ Add pipeline' }).click();
  const box = page.locator('.pipeline-box').filter({ has: page.getByRole('heading', { name }) });
  await expect(stageNames(box, 'work')).toHaveText(['New', 'In progress']);
  await expect(stageNames(box, 'final')).toHaveText(['Won', 'Lost']);
  await addStage(box, 'Qualify');
  await addStage(box, 'Offer');
  await expect(stageNames(box, 'work')).toHaveText(['New', 'In progress', 'Qualify', 'Offer']);

  // Pipelines reorder the same ways: up one by mouse, back down by keyboard.
  const heads = page.locator('.pipeline-box h2');
  const before = await heads.allInnerTexts();
  const mine = before.indexOf(name);
  const above = before[mine - 1];
  const aboveBox = page.locator('.pipeline-box').filter({ has: page.getByRole('heading', { name: above, exact: true }) });
  await aboveBox.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const grip = await box.locator('[data-pipeline-handle]').boundingBox();
  const target = await aboveBox.boundingBox();
  if (!grip || !target) throw new Error('not on screen');
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 60, target.y + 20, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('.pipelines > .notice')).toHaveText('Saved.');
  await expect(heads.nth(mine - 1)).toHaveText(name);
  await expect(heads.nth(mine)).toHaveText(above);
  await box.locator('[data-pipeline-handle]').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[aria-live="assertive"]')).toContainText(`${name} lifted`);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[aria-live="assertive"]')).toContainText(`position ${mine + 1} of `);
  await page.keyboard.press('Space');
  await expect(heads.nth(mine)).toHaveText(name);
  await expect(heads.nth(mine - 1)).toHaveText(above);

  // Keyboard: Space lifts, arrows move, Space drops; each step is announced.
  const offer = row(box, 'Offer').locator('.handle');
  await offer.focus();
  await page.keyboard.press('Space');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('Offer lifted');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('position 2 of 6');
  await page.keyboard.press('Space');
  await expect(stageNames(box, 'work')).toHaveText(['New', 'Offer', 'In progress', 'Qualify']);
  // Escape puts a lifted stage back.
  await row(box, 'Qualify').locator('.handle').focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  await expect(page.locator('[aria-live="assertive"]')).toContainText('cancelled');
  await expect(stageNames(box, 'work')).toHaveText(['New', 'Offer', 'In progress', 'Qualify']);

  // Mouse: Qualify dropped on the upper half of Offer goes before it.
  await dragAbove(page, row(box, 'Qualify').locator('.handle'), row(box, 'Offer'));
  await expect(stageNames(box, 'work')).toHaveText(['New', 'Qualify', 'Offer', 'In progress']);
  await page.reload();
  await hydrated(page);
  await expect(stageNames(box, 'work')).toHaveText(['New', 'Qualify', 'Offer', 'In progress']);

  // Recolour from the palette.
  await row(box, 'Offer').getByRole('button', { name: 'Edit stage' }).click();
  const form = box.locator('form.stage-form');
  await form.locator('input[type="radio"][value="#ff5752"]').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(row(box, 'Offer').locator('.stage-badge')).toHaveAttribute('style', /--stage-color:#ff5752/);

  // Required fields by stage: a click makes a field required from that stage on (not at the
  // failure stage); a click on its first required stage clears it.
  await box.getByRole('button', { name: 'Required fields by stage' }).click();
  const cell = (stage: string) => box.getByRole('button', { name: `Comment required: ${stage}` });
  await cell('Offer').click();
  for (const [stage, on] of [['New', 'false'], ['Qualify', 'false'], ['Offer', 'true'], ['In progress', 'true'], ['Won', 'true'], ['Lost', 'false']]) {
    await expect(cell(stage)).toHaveAttribute('aria-pressed', on);
  }
  await cell('Offer').click();
  await expect(cell('Won')).toHaveAttribute('aria-pressed', 'false');
  await cell('In progress').click();
  await expect(cell('In progress')).toHaveAttribute('aria-pressed', 'true');

  // The first stage, the success stage and the only failure stage cannot be deleted.
  for (const fixed of ['New', 'Won', 'Lost']) {
    await expect(row(box, fixed).getByRole('button', { name: 'Delete stage' })).toHaveCount(0);
  }

  const qualifyId = Number(await row(box, 'Qualify').getAttribute('data-stage'));
  const inProgressId = Number(await row(box, 'In progress').getAttribute('data-stage'));

  // A deal in Offer; deleting Offer asks where the deal goes.
  const pipelineId = Number(await box.getAttribute('data-pipeline'));
  const offerId = Number(await row(box, 'Offer').getAttribute('data-stage'));
  const title = unique('Flow deal');
  const created = await api(page.request, baseURL!, 'create_item', {
    entity: 'deal', pipeline_id: pipelineId, values: { title: { t: 'text', v: title } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  const deal = created.json as number;
  const moved = await api(page.request, baseURL!, 'move_stage', { entity: 'deal', id: deal, version: 1, stage_id: offerId });
  expect(moved.status, JSON.stringify(moved.json)).toBe(200);
  await page.reload();
  await hydrated(page);
  await expect(row(box, 'Offer').locator('.held')).toHaveText('1 item');
  await row(box, 'Offer').getByRole('button', { name: 'Delete stage' }).click();
  const confirm = box.locator('form[data-delete-stage]');
  await expect(confirm).toContainText('One item is in “Offer”');
  await confirm.getByLabel('Move items to').selectOption({ label: 'In progress' });
  await confirm.getByRole('button', { name: 'Delete stage' }).click();
  await expect(page.locator('.pipelines > .notice')).toHaveText('Stage deleted.');
  await expect(stageNames(box, 'work')).toHaveText(['New', 'Qualify', 'In progress']);
  await expect(row(box, 'In progress').locator('.held')).toHaveText('1 item');

  // The deal's card: in the stage it was moved to, the move on its timeline.
  await open(page, `/crm/deal/${deal}`);
  await expect(page.locator('.stage-bar .stage[aria-current="step"]')).toHaveText('In progress');
  await expect(page.locator('.timeline .event.stage_changed').first()).toContainText('Offer');
  await expect(page.locator('.timeline .event.stage_changed').first()).toContainText('In progress');

  // A card open elsewhere shows a renamed stage within seconds.
  const watcher = await (await browser.newContext()).newPage();
  await signIn(watcher, DEMO.admin);
  await open(watcher, `/crm/deal/${deal}`);
  await expect(watcher.locator('.stage-bar')).toContainText('Qualify');
  const renamed = await api(page.request, baseURL!, 'edit_pipelines', {
    entity: 'deal', edit: { op: 'change_stage', stage: qualifyId, name: 'Qualified', color: '#47e4c2' },
  });
  expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
  await expect(watcher.locator('.stage-bar')).toContainText('Qualified', { timeout: 15_000 });

  // So does a list open elsewhere, and it shows a deal made meanwhile.
  const lister = await watcher.context().newPage();
  await open(lister, `/crm/deal?q=${encodeURIComponent(title)}`);
  await expect(lister.locator('table.items tbody tr')).toHaveCount(1);
  await expect(lister.locator('table.items .stage-badge')).toHaveText('In progress');
  const working = await api(page.request, baseURL!, 'edit_pipelines', {
    entity: 'deal', edit: { op: 'change_stage', stage: inProgressId, name: 'Working', color: '#47e4c2' },
  });
  expect(working.status, JSON.stringify(working.json)).toBe(200);
  await expect(lister.locator('table.items .stage-badge')).toHaveText('Working', { timeout: 15_000 });
  const second = await api(page.request, baseURL!, 'create_item', {
    entity: 'deal', pipeline_id: pipelineId, values: { title: { t: 'text', v: `${title} two` } },
  });
  expect(second.status, JSON.stringify(second.json)).toBe(200);
  await expect(lister.locator('table.items tbody tr')).toHaveCount(2, { timeout: 15_000 });

  // The pipeline goes too, its deal moved to the Sales pipeline.
  await open(page, '/settings/pipelines/deal');
  await box.getByRole('button', { name: 'Delete pipeline' }).click();
  const drop = box.locator('form[data-delete-pipeline]');
  await expect(drop).toContainText(`2 items are in the pipeline “${name}”`);
  await drop.getByRole('button', { name: 'Delete pipeline' }).click();
  await expect(page.locator('.pipelines > .notice')).toHaveText('Pipeline deleted.');
  await expect(page.getByRole('heading', { name })).toHaveCount(0);
  await open(page, `/crm/deal/${deal}`);
  await expect(page.locator('.timeline .event.stage_changed').first()).toContainText(name);
});
