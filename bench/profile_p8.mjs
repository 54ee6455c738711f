// Where P8's inline edit spends its script time: chromium's sampling profiler (CDP) around the
// two interactions perf.spec.ts measures (the click that opens the comment field's editor, and
// Save), under the same 4× CPU throttle, on the same 40-field bench deal after "Load more".
// Prints, per interaction, the functions with the most self time and the most total time,
// as a mean over the runs. A tool for finding causes, not a figure: read its shares, not its ms.
//
//   node bench/profile_p8.mjs <base-url> <deal-id> [runs]
//
// Run it against `bench serve` with a site whose WASM keeps its function names, or every Rust
// function shows as `wasm-function[n]`: build the release bundle with a `wasm-opt` earlier in
// PATH that adds `-g` (docs/PERFORMANCE.md, "P8 profiled by function"). Needs end2end's npm packages and
// Debian's chromium.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../end2end/package.json'));
const { chromium } = require('playwright');

const [base, deal, runsArg] = process.argv.slice(2);
if (!base || !deal) {
  console.error('usage: node bench/profile_p8.mjs <base-url> <deal-id> [runs]');
  process.exit(2);
}
const runs = Number(runsArg ?? 10);

/** Self and total time (µs) per function name in one CPU profile, counting only samples with
 *  the app's code (its JS glue or WASM) on the stack, so Playwright's own scripts are left out.
 *  `first` gets the first burst of the app's work (samples no more than 8 ms apart: the task the
 *  input ran, with its microtasks), `rest` what followed (work deferred past the paint). */
function tally(profile, first, rest) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    return f.functionName || (f.url ? `(anonymous ${path.basename(f.url)}:${f.lineNumber})` : '(anonymous)');
  };
  const app = (n) => n.callFrame.url.includes('/pkg/') || n.callFrame.url.startsWith('wasm://');
  let t = profile.startTime;
  let last = null;
  let inFirst = true;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i] ?? 0;
    const stack = [];
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) stack.push(n);
    if (!stack.some(app)) return;
    if (last !== null && t - last > 8000) inFirst = false;
    last = t;
    const [self, total] = inFirst ? first : rest;
    const own = name(stack[0]);
    self.set(own, (self.get(own) ?? 0) + dt);
    const seen = new Set();
    for (const n of stack) {
      const k = name(n);
      if (seen.has(k) || k === '(root)') continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
}

function report(title, self, total, n) {
  const all = [...self.values()].reduce((a, b) => a + b, 0);
  const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  const row = ([k, v]) => `${(v / 1000 / n).toFixed(2).padStart(8)} ms ${((100 * v) / all).toFixed(1).padStart(5)} %  ${k.slice(0, 150)}`;
  console.log(`\n== ${title}: ${(all / 1000 / n).toFixed(1)} ms of the app's script a run (mean of ${n}, throttled 4x)`);
  console.log('-- self time');
  top(self, 15).forEach((e) => console.log(row(e)));
  console.log('-- total time (the function and what it called)');
  top(total, 30).forEach((e) => console.log(row(e)));
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
const context = await browser.newContext({ baseURL: base });
const login = await context.request.post('/api/login', {
  form: { email: 'anna@example.com', password: 'demo' },
  headers: { Origin: base },
  maxRedirects: 0,
});
if (login.status() >= 400) throw new Error(`sign-in failed: ${login.status()}`);

const pair = () => [new Map(), new Map()];
const open = [pair(), pair()];
const save = [pair(), pair()];
for (let run = 0; run < runs; run++) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.goto(`/crm/deal/${deal}`);
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 60_000 });
  const events = page.locator('ol.events > li');
  const shown = await events.count();
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('ol.events > li').length > n, shown);
  await page.waitForTimeout(300);

  const comment = page.locator('.card-section [data-field="comment"]');
  await cdp.send('Profiler.start');
  await comment.click();
  await comment.locator('textarea, input').first().waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('[data-field="comment"]'));
  await page.waitForTimeout(300);
  tally((await cdp.send('Profiler.stop')).profile, ...open);

  await comment.locator('textarea, input').first().fill(`Profiled edit ${run} ${Date.now()}`);
  await cdp.send('Profiler.start');
  await page.locator('.section-form').getByRole('button', { name: 'Save' }).click();
  await page.locator('.section-form').waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  tally((await cdp.send('Profiler.stop')).profile, ...save);
  await page.close();
}
report('opening the editor: the click\'s task', ...open[0], runs);
report('opening the editor: what follows it (the rest of the form, the focus)', ...open[1], runs);
report('Save: the click\'s task', ...save[0], runs);
report('Save: what follows it (the answer arriving, the form closing)', ...save[1], runs);
await browser.close();
