// P8's inline edit taken apart, page by page: for the click that opens the comment field's editor
// (the first on a fresh page, and again after Escape) and for Save, the time from pointerdown to
// the click's handler, the handler's own processing (with the reactive work it sets off), and
// from its end to the next paint; medians over the runs, under perf.spec.ts's 4× CPU throttle,
// on the 40-field bench deal after "Load more". Several servers (one per front-end build, e.g.
// from bench/ab_browser.sh's set-up) are measured in turn, run after run.
//
//   node bench/inp_parts.mjs <deal-id> <runs> <base-url>...
//
// INP_EAGER=1 starts chromium with V8's lazy WebAssembly compilation off, which shows how much of
// a first interaction is compiling (docs/PERFORMANCE.md, "P8: the first edit on a page compiled WebAssembly").
// A tool for finding causes, not a figure. Needs end2end's npm packages and Debian's chromium.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../end2end/package.json'));
const { chromium } = require('playwright');
const [deal, runsArg, ...bases] = process.argv.slice(2);
if (!deal || !bases.length) {
  console.error('usage: node bench/inp_parts.mjs <deal-id> <runs> <base-url>...');
  process.exit(2);
}
const runs = Number(runsArg);
const sites = Object.fromEntries(bases.map((b, i) => [String.fromCharCode(65 + i), b]));
const names = Object.keys(sites);
// Every event of an interaction that took 16 ms or more, from the start of every page.
const OBSERVE = () => {
  window.__events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) {
        window.__events.push({ name: e.name, start: e.startTime, from: e.processingStart, to: e.processingEnd, d: e.duration });
      }
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
};

const eager = process.env.INP_EAGER ? ['--js-flags=--no-wasm-lazy-compilation'] : [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', ...eager],
});
const contexts = {};
for (const [k, base] of Object.entries(sites)) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 } });
  const login = await context.request.post('/api/login', {
    form: { email: 'anna@example.com', password: 'demo' },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  if (login.status() >= 400) throw new Error(`sign-in at ${base} answered ${login.status()}`);
  await context.addInitScript(OBSERVE);
  contexts[k] = context;
}

/** The parts of the interaction `act` causes: its longest event's duration (what INP counts),
 *  pointerdown to the click handler's start, the click's processing, its end to the paint. */
async function parts(page, act) {
  const before = await page.evaluate(() => window.__events.length);
  await act();
  await page.waitForTimeout(300); // event timing entries arrive after the next paint
  const events = (await page.evaluate(() => window.__events)).slice(before);
  if (!events.length) return { d: 0, toClick: 0, click: 0, toPaint: 0 };
  const longest = events.reduce((m, e) => (e.d > m.d ? e : m));
  const first = events[0];
  const click = events.find((e) => e.name === 'click') ?? longest;
  return { d: longest.d, toClick: click.from - first.start, click: click.to - click.from, toPaint: first.start + longest.d - click.to };
}

const res = Object.fromEntries(names.map((k) => [k, { 'first opening': [], 'opening again': [], Save: [] }]));
for (let run = 0; run < runs; run++) {
  for (const k of names) {
    const page = await contexts[k].newPage();
    const cdp = await contexts[k].newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(`/crm/deal/${deal}`);
    await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
    const events = page.locator('ol.events > li');
    const shown = await events.count();
    await page.getByRole('button', { name: 'Load more' }).click();
    while ((await events.count()) === shown) await page.waitForTimeout(50);
    await page.waitForTimeout(300);
    const comment = page.locator('.card-section [data-field="comment"]');
    const input = comment.locator('textarea, input').first();
    const open = async () => {
      await comment.click();
      await input.waitFor();
      await page.waitForTimeout(100);
    };
    res[k]['first opening'].push(await parts(page, open));
    await page.keyboard.press('Escape');
    await page.locator('.section-form').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    res[k]['opening again'].push(await parts(page, open));
    res[k].Save.push(await parts(page, async () => {
      await input.fill(`Parts ${run}`);
      await page.locator('.section-form').getByRole('button', { name: 'Save' }).click();
      await page.locator('.section-form').waitFor({ state: 'detached' });
    }));
    await page.close();
  }
}
await browser.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`# ${runs} runs per site, chromium 4x CPU throttle${eager.length ? ', lazy WebAssembly compilation off' : ''}; medians, ms`);
console.log('site  interaction       INP  down->click  click  click->paint  (INP per run)');
for (const [k, base] of Object.entries(sites)) {
  for (const [what, r] of Object.entries(res[k])) {
    const m = (f) => median(r.map(f)).toFixed(0).padStart(5);
    console.log(`${k}     ${what.padEnd(15)} ${m((x) => x.d)}        ${m((x) => x.toClick)}  ${m((x) => x.click)}         ${m((x) => x.toPaint)}  (${r.map((x) => x.d).join(' ')})`);
  }
  console.log(`      (${k} is ${base})`);
}
