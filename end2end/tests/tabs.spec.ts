// Many open cards of one user: the browser's tabs share one layout event stream (a leader tab
// holds it for all), so ten card tabs do not use up the browser's six connections to the
// server: the tenth loads, saves an edit, and a layout change made there reaches every other.
import { api, createDeal, expect, field, hydrated, newEmployee, signIn, test, unique } from './helpers';

test('ten card tabs share one event stream; the tenth edits, and all follow its layout change', async ({ page, browser, baseURL }) => {
  await signIn(page, { email: 'admin@example.com', password: 'admin' });
  const who = await newEmployee(page, baseURL!, 'Tabitha Tabs');
  const context = await browser.newContext();
  const streams: string[] = [];
  context.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/events/')) streams.push(new URL(r.url()).pathname + new URL(r.url()).search);
  });
  const first = await context.newPage();
  await signIn(first, who);
  const ids: number[] = [];
  for (let i = 0; i < 10; i++) ids.push(await createDeal(first, baseURL!, unique(`Tab ${i + 1}`)));
  const tabs = [first];
  await first.goto(`/crm/deal/${ids[0]}`);
  await hydrated(first);
  for (const id of ids.slice(1)) {
    const tab = await context.newPage();
    await tab.goto(`/crm/deal/${id}`);
    await hydrated(tab);
    tabs.push(tab);
  }
  const tenth = tabs[9];
  await field(tenth, 'probability').click();
  await field(tenth, 'probability').locator('input').fill('42');
  await tenth.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(tenth, 'probability').locator('.field-value')).toHaveText('42');

  // Her own view of deals, changed from the tenth tab: every open card shows it, live.
  expect((await api(tenth.request, baseURL!, 'enable_my_view', { entity: 'deal', on: true })).status).toBe(200);
  const mine = { kind: 'personal', id: who.id };
  const editor = await api(tenth.request, baseURL!, 'layout_editor', { entity: 'deal', view: mine });
  const saved = await api(tenth.request, baseURL!, 'save_layout', {
    entity: 'deal', view: mine, version: editor.json.version, ops: [{ op: 'hide_field', code: 'probability' }],
  });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  for (const tab of tabs) {
    await expect(field(tab, 'probability')).toHaveCount(0, { timeout: 15_000 });
  }
  // One stream served them all (a second only if the leading tab changed).
  expect(streams.filter((s) => s.startsWith('/events/layouts')).length, streams.join('\n')).toBeLessThanOrEqual(2);
  await context.close();
});
