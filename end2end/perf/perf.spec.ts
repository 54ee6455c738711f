// P7–P9: the card in chromium with the CPU slowed 4× (Chrome DevTools Protocol), 20 runs each,
// medians printed. Run by `make bench` (bench/run.sh) against the release bench server, on the
// bench deal of 40 fields in 6 sections with 50 timeline events (BENCH_DEAL).
//   P7  LCP of the card vs the same card saved as static HTML (no scripts), and the time until
//       hydrated (the `hydrated` performance mark the app sets when hydration ends)
//   P8  INP of an inline edit (click a field, type, Enter saves) and of a keyboard drag in
//       card settings (Space, ArrowDown, Space)
//   P9  CLS while the page loads and hydrates, and when "Load more" adds older events
import { test, expect, type Browser, type Page } from '@playwright/test';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const THROTTLE = 4;
const deal = Number(process.env.BENCH_DEAL);

// Collects LCP, layout shifts and event timings from the start of every page.
const OBSERVE = () => {
  const w = window as unknown as { __perf: { lcp: number; cls: number; events: { id: number; d: number; n: string }[] } };
  w.__perf = { lcp: 0, cls: 0, events: [] };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__perf.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
      if (!e.hadRecentInput) w.__perf.cls += e.value;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries() as unknown as { interactionId: number; duration: number; name: string }[]) {
      if (e.interactionId) w.__perf.events.push({ id: e.interactionId, d: e.duration, n: e.name });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
};

type Perf = { lcp: number; cls: number; events: { id: number; d: number; n: string }[] };
const perf = (page: Page) => page.evaluate(() => (window as unknown as { __perf: Perf }).__perf);

async function throttled(browser: Browser, baseURL: string, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const login = await context.request.post('/api/login', {
    form: { email: who.email, password: who.password },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(login.status()).toBeLessThan(400);
  await context.addInitScript(OBSERVE);
  return context;
}

async function slowPage(context: Awaited<ReturnType<typeof throttled>>) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return page;
}

/** INP of what `act` does: the longest interaction it caused (event timing reports ≥ 16 ms). */
async function inp(page: Page, act: () => Promise<void>) {
  const before = (await perf(page)).events.length;
  await act();
  await page.waitForTimeout(300); // event timing entries arrive after the next paint
  const events = (await perf(page)).events.slice(before);
  return events.reduce((m, e) => Math.max(m, e.d), 0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

test('P7–P9 card figures under a 4× CPU throttle', async ({ browser, baseURL }) => {
  expect(deal, 'BENCH_DEAL names the bench deal').toBeGreaterThan(0);
  const anna = await throttled(browser, baseURL!, { email: 'anna@example.com', password: 'demo' });
  const admin = await throttled(browser, baseURL!, { email: 'admin@example.com', password: 'admin' });
  const path = `/crm/deal/${deal}`;
  // The same card as static HTML: the server's page without its scripts, served from the same
  // address so the stylesheet and fonts come from the same cache.
  const ssr = await (await anna.request.get(path)).text();
  const staticHtml = ssr
    .replace(/<script\b[\s\S]*?<\/script>/g, '')
    .replace(/<link[^>]+rel="modulepreload"[^>]*>/g, '')
    .replace(/<link[^>]+as="(script|fetch)"[^>]*>/g, '');
  await anna.route(`${baseURL}/static-card`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: staticHtml }));

  const f: Record<string, number[]> = {
    lcp: [], lcpStatic: [], hydrated: [], clsLoad: [], clsMore: [], inpEdit: [], inpOpen: [], inpSave: [], inpDrag: [],
  };
  for (let run = 0; run < RUNS; run++) {
    // P7 static first, then the app, in the same warm cache.
    let page = await slowPage(anna);
    await page.goto('/static-card');
    await page.waitForLoadState('load');
    await page.waitForTimeout(200);
    f.lcpStatic.push((await perf(page)).lcp);
    await page.close();

    page = await slowPage(anna);
    await page.goto(path);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(300);
    const loaded = await perf(page);
    f.lcp.push(loaded.lcp);
    f.clsLoad.push(loaded.cls);
    f.hydrated.push(await page.evaluate(() => performance.getEntriesByName('hydrated')[0]?.startTime ?? NaN));

    // P9 "Load more": shifts caused by the older events arriving (the click itself is input).
    const clsBefore = (await perf(page)).cls;
    const events = page.locator('ol.events > li');
    const shown = await events.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(events).not.toHaveCount(shown);
    await page.waitForTimeout(300);
    f.clsMore.push((await perf(page)).cls - clsBefore);

    // P8 inline edit: the comment field, a new value each run, Save. Its INP is the longer of
    // its two interactions, also printed apart: the click that opens the editor, and Save.
    const comment = page.locator('.card-section [data-field="comment"]');
    const open = await inp(page, async () => {
      await comment.click();
      await expect(comment.locator('textarea, input').first()).toBeFocused();
    });
    const save = await inp(page, async () => {
      await comment.locator('textarea, input').first().fill(`Bench edit ${run}`);
      await page.locator('.section-form').getByRole('button', { name: 'Save' }).click();
      await expect(page.locator('.section-form')).toHaveCount(0);
    });
    f.inpOpen.push(open);
    f.inpSave.push(save);
    f.inpEdit.push(Math.max(open, save));
    await page.close();

    // P8 keyboard drag in card settings (admin), put back afterwards by the opposite move.
    page = await slowPage(admin);
    await page.goto(path);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByRole('button', { name: 'Card settings' }).click();
    await expect(page.locator('.layout-editor')).toBeVisible();
    const handle = page.locator('[data-field-handle="amount"]');
    const down = run % 2 === 0;
    f.inpDrag.push(await inp(page, async () => {
      await handle.focus();
      await page.keyboard.press('Space');
      await page.keyboard.press(down ? 'ArrowDown' : 'ArrowUp');
      await page.keyboard.press('Space');
      await expect(page.locator('[aria-live="assertive"]')).toContainText('dropped');
    }));
    await expect(page.locator('.save-status')).toHaveText('Saved');
    await page.close();
  }
  const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
  const rows: [string, string][] = [
    ['P7 LCP, card (median)', ms(f.lcp)],
    ['P7 LCP, same card as static HTML', ms(f.lcpStatic)],
    ['P7 LCP ratio card / static', `${(median(f.lcp) / median(f.lcpStatic)).toFixed(2)}x`],
    ['P7 hydrated (performance mark)', ms(f.hydrated)],
    ['P8 INP inline edit (max of its interactions)', f.inpEdit.every((x) => x === 0) ? '< 16 ms (none reported)' : ms(f.inpEdit)],
    ['P8   of which: the click that opens the editor', ms(f.inpOpen)],
    ['P8   of which: Save', ms(f.inpSave)],
    ['P8 INP keyboard drag (Space, Arrow, Space)', f.inpDrag.every((x) => x === 0) ? '< 16 ms (none reported)' : ms(f.inpDrag)],
    ['P9 CLS during load and hydration', median(f.clsLoad).toFixed(4)],
    ['P9 CLS of "Load more"', median(f.clsMore).toFixed(4)],
  ];
  console.log(`\n== P7–P9 in chromium, CPU throttled ${THROTTLE}×, ${RUNS} runs, medians (deal ${deal})`);
  for (const [k, v] of rows) console.log(`${k.padEnd(46)} ${v}`);
  console.log(`(INP per run, edit: ${f.inpEdit.join(' ')}; opening: ${f.inpOpen.join(' ')}; Save: ${f.inpSave.join(' ')}; drag: ${f.inpDrag.join(' ')})`);
  // bench/ab_browser.sh reads every run's figures (lcp hydrated edit open save drag), one line each.
  if (process.env.BENCH_PER_RUN) {
    for (let i = 0; i < RUNS; i++) {
      console.log(`per-run ${[f.lcp, f.hydrated, f.inpEdit, f.inpOpen, f.inpSave, f.inpDrag].map((xs) => xs[i].toFixed(0)).join(' ')}`);
    }
  }
});

// P12: INP of a keyboard move on the kanban board of the 10,000-deal bench pipeline (Space lifts
// the first card of the first column, ArrowRight, Space drops: the move is saved), the card put
// back by the opposite move on the next run. Next to P8's drag in card settings.
const board = Number(process.env.BENCH_BOARD);

test('P12 board drag under a 4× CPU throttle', async ({ browser, baseURL }) => {
  test.skip(!board, 'BENCH_BOARD names the bench pipeline (bench/run.sh sets it)');
  const anna = await throttled(browser, baseURL!, { email: 'anna@example.com', password: 'demo' });
  const inpDrag: number[] = [];
  const hydrated: number[] = [];
  let moved: string | null = null;
  for (let run = 0; run < RUNS; run++) {
    const page = await slowPage(anna);
    await page.goto(`/crm/deal/kanban?pipeline=${board}`);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    hydrated.push(await page.evaluate(() => performance.getEntriesByName('hydrated')[0]?.startTime ?? NaN));
    const columns = page.locator('.board-column');
    // Even runs move the newest card of the first column right; odd runs move it back.
    const from = run % 2 === 0 ? columns.nth(0) : columns.nth(1);
    const card = moved
      ? from.locator('.board-card').filter({ has: page.locator('.card-title', { hasText: new RegExp(`^${moved}$`) }) })
      : from.locator('.board-card').first();
    const title = (await card.locator('.card-title').innerText()).trim();
    inpDrag.push(await inp(page, async () => {
      await card.locator('.handle').focus();
      await page.keyboard.press('Space');
      await page.keyboard.press(run % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await page.keyboard.press('Space');
      await expect(page.locator('.sr-only[aria-live="assertive"]')).toContainText('moved to');
    }));
    moved = run % 2 === 0 ? title : null;
    await page.close();
  }
  const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
  console.log(`\n== P12 kanban board in chromium, CPU throttled ${THROTTLE}×, ${RUNS} runs, medians (pipeline ${board})`);
  console.log(`${'P12 hydrated (performance mark)'.padEnd(46)} ${ms(hydrated)}`);
  console.log(`${'P12 INP keyboard move (Space, Arrow, Space)'.padEnd(46)} ${inpDrag.every((x) => x === 0) ? '< 16 ms (none reported)' : ms(inpDrag)}`);
  console.log(`(P12 INP per run: ${inpDrag.join(' ')})`);
});
