// R7: stored XSS. Hundreds of script payloads stored as field values and comments must be shown
// literally and never run — neither from the server-rendered HTML nor after hydration.
import { api, COMMON, DEMO, expect, hydrated, signIn, test } from './helpers';

const RUN = 'window.__xss=(window.__xss||0)+1';
const BASES = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload=${RUN}>`,
  `<svg><script>${RUN}</script></svg>`,
  `</textarea><script>${RUN}</script>`,
  `</title><script>${RUN}</script>`,
  `"><img src=x onerror=${RUN}>`,
  `'><img src=x onerror=${RUN}>`,
  `<a href="javascript:${RUN}">click</a>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<details open ontoggle=${RUN}>`,
  `<body onload=${RUN}>`,
  `<math><mtext></p><script>${RUN}</script>`,
  `<!--<img src="--><img src=x onerror=${RUN}//">`,
  `<input autofocus onfocus=${RUN}>`,
  `<video><source onerror=${RUN}></video>`,
  `<style>*{background:url("javascript:${RUN}")}</style>`,
  `<object data="javascript:${RUN}"></object>`,
  `{{constructor.constructor('${RUN}')()}}`,
  `<template><script>${RUN}</script></template><div id=x></div>`,
];
const WRAPS = [(p: string) => p, (p: string) => `x${p}y`, (p: string) => `"${p}"`, (p: string) => `</div>${p}`,
  (p: string) => `<b>${p}</b>`, (p: string) => `\n${p}\n`, (p: string) => `]]>${p}`, (p: string) => `&lt;${p}&gt;`,
  (p: string) => `${p}${p}`, (p: string) => `\`${p}\``, (p: string) => `<p title="${p}">`, (p: string) => `${p}<!--`];
const PAYLOADS = BASES.flatMap((b) => WRAPS.map((w) => w(b)));

test(`${PAYLOADS.length} stored payloads are shown as text and never run`, async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  const ids: number[] = [];
  // 24 deals: a payload in the title, ten in the multi-line comment field, ten as timeline comments.
  for (let i = 0; i < PAYLOADS.length / 10; i++) {
    const batch = PAYLOADS.slice(i * 10, i * 10 + 10);
    const title = `XSS-probe ${i} ${batch[0]}`.slice(0, 255);
    const res = await api(page.request, baseURL!, 'create_item', {
      entity: 'deal', pipeline_id: null,
      values: { title: { t: 'text', v: title }, comment: { t: 'text', v: batch.join('\n') } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    ids.push(res.json);
    for (const text of batch) {
      const c = await api(page.request, baseURL!, 'add_comment', { entity: 'deal', id: res.json, text });
      expect(c.status).toBe(200);
    }
  }
  // The server's HTML carries every payload escaped.
  const html = await (await page.request.get(`/crm/deal/${ids[0]}`)).text();
  expect(html).not.toContain('<script>window.__xss');
  expect(html).not.toContain('<img src=x onerror');

  await page.goto('/crm/deal?q=XSS-probe');
  await hydrated(page);
  await expect(page.locator('table.items tbody tr')).toHaveCount(PAYLOADS.length / 10);
  for (const id of ids) {
    await page.goto(`/crm/deal/${id}`);
    await hydrated(page);
    await expect(page.locator('.timeline .event').first()).toBeVisible();
  }
  // Shown literally: the first deal's title and comments read exactly as typed.
  await page.goto(`/crm/deal/${ids[0]}`);
  await hydrated(page);
  await expect(page.locator('.card-title')).toHaveText(`XSS-probe 0 ${PAYLOADS[0]}`);
  await expect(page.locator('.timeline .comment-text').first()).toHaveText(PAYLOADS[9]);
  // Editing shows the raw text in inputs, not markup.
  await page.locator('[data-field="comment"]').click();
  await expect(page.locator('[data-field="comment"] textarea')).toHaveValue(PAYLOADS.slice(0, 10).join('\n'));
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0)).toBe(0);
  expect(dialogs).toBe(0);
});

test('a javascript: address is refused as a website and never becomes a link', async ({ page, baseURL }) => {
  await signIn(page);
  const res = await api(page.request, baseURL!, 'create_item', {
    entity: 'company', pipeline_id: null,
    values: { name: { t: 'text', v: 'XSS-probe link' }, website: { t: 'text', v: 'javascript:alert(1)' } },
  });
  expect(res.status).toBe(422);
  expect(res.json.fields[0]).toEqual({ code: 'website', message: 'Enter a web address, e.g. https://example.com.' });
});

test('section titles with script payloads are shown as text, on the card and in the layout history', async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  const titles = BASES.map((b, i) => `S${i} ${b}`.slice(0, 100));
  const ops = titles.map((title, i) => ({ op: 'create_section', id: `xss${i}`, title, after: null }));
  const saved = await api(page.request, baseURL!, 'save_layout', { entity: 'invoice', view: COMMON, version: 1, ops });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  expect(saved.json.conflicts).toEqual([]);
  const list = await api(page.request, baseURL!, 'list_items', { entity: 'invoice', search: null, stage_id: null, before: null });
  const html = await (await page.request.get(`/crm/invoice/${list.json.rows[0].id}`)).text();
  expect(html).not.toContain('<img src=x onerror');
  await page.goto(`/crm/invoice/${list.json.rows[0].id}`);
  await hydrated(page);
  await expect(page.locator('[data-section="xss0"] h2')).toHaveText(titles[0]);
  await page.getByRole('button', { name: 'Card settings' }).click();
  await page.getByRole('button', { name: 'Layout history' }).click();
  await expect(page.locator('.versions > li').first()).toContainText(`Section “${titles[1]}” created`);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0)).toBe(0);
  expect(dialogs).toBe(0);
  const back = await api(page.request, baseURL!, 'rollback_layout', { entity: 'invoice', view: COMMON, version: 1 });
  expect(back.status).toBe(200);
});
