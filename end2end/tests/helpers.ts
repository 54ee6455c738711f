// Shared steps: signing in, waiting for hydration, and making test items through the API
// (each test works on items of its own, so tests never disturb each other).
import { test as base, expect, type Browser, type BrowserContext, type Page, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export { expect };

/** Console text of a Content-Security-Policy refusal (Chromium's wording). */
export const CSP_REFUSAL = /Content Security Policy/;

/** The WCAG 2.1 A and AA rules axe checks (docs/ACCESSIBILITY.md). */
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's WCAG 2.1 A/AA violations on `page` as it is now, one line each: the rule, what it
 * says, and the elements (by selector). Without JavaScript the server's HTML is checked in a
 * scripted page of the same address (axe runs as a script).
 */
export async function accessibilityViolations(page: Page, scripted = true): Promise<string[]> {
  const url = page.url();
  if (!url.startsWith('http')) throw new Error(`no page to check at ${url}`);
  let target = page;
  let scratch: BrowserContext | undefined;
  if (!scripted) {
    const html = await page.content();
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser to check the page in');
    scratch = await browser.newContext({ javaScriptEnabled: true });
    target = await scratch.newPage();
    const address = url.split('#')[0];
    let served = false;
    await target.route((u) => u.href.split('#')[0] === address, (route) => {
      served = true;
      return route.fulfill({ contentType: 'text/html', body: html.replace(/<script[\s\S]*?<\/script>/g, '') });
    });
    await target.goto(url);
    if (!served) throw new Error(`the server's HTML of ${url} was not the page checked`);
  }
  try {
    const result = await new AxeBuilder({ page: target }).withTags(WCAG).analyze();
    return result.violations.map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 8).join(', ')}${v.nodes.length > 8 ? ` (+${v.nodes.length - 8})` : ''}`,
    );
  } finally {
    await scratch?.close();
  }
}

/**
 * Every spec's `test`: besides Playwright's own, it watches every page of every browser context
 * the test opens (its own and those made with `browser.newContext`):
 * - it fails the test if the browser refused anything under the pages' Content-Security-Policy
 *   (a test that provokes a refusal on purpose says so with
 *   `test.info().annotations.push({ type: 'csp-refusal' })`);
 * - at the end, it runs axe on every page still open, as the test left it (settings mode, a
 *   dialog open, JavaScript off), and on every other address the test's pages went through,
 *   shown again with the same cookies; it fails on any WCAG 2.1 A/AA violation, naming the
 *   elements.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, use, testInfo) => {
      const contexts: [BrowserContext, boolean][] = [[context, testInfo.project.use.javaScriptEnabled !== false]];
      const refusals: string[] = [];
      // Every address a page of each context showed, to check the ones no page shows at the end.
      const visited = new Map<BrowserContext, Set<string>>();
      // The cookies of each context as it was last open, to show its pages again afterwards.
      const states = new Map<BrowserContext, Awaited<ReturnType<BrowserContext['storageState']>>>();
      const watch = async (ctx: BrowserContext) => {
        const seen = new Set<string>();
        visited.set(ctx, seen);
        const follow = (p: Page) => p.on('framenavigated', (f) => {
          if (f === p.mainFrame() && f.url().startsWith('http')) seen.add(f.url());
        });
        ctx.pages().forEach(follow);
        ctx.on('page', follow);
        ctx.on('console', (m) => {
          if (CSP_REFUSAL.test(m.text())) refusals.push(m.text());
        });
        // The page's own report of each refusal too (not subject to the policy itself).
        await ctx.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) =>
            console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
        });
      };
      await watch(context);
      const b = browser as Browser & { newContext: Browser['newContext'] };
      const newContext = b.newContext;
      b.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const ctx = await newContext.apply(browser, args);
        await watch(ctx);
        contexts.push([ctx, args[0]?.javaScriptEnabled !== false]);
        const close = ctx.close.bind(ctx);
        ctx.close = async (...a: Parameters<BrowserContext['close']>) => {
          states.set(ctx, await ctx.storageState());
          return close(...a);
        };
        return ctx;
      };
      await use();
      b.newContext = newContext;
      if (!testInfo.annotations.some((a) => a.type === 'csp-refusal')) {
        expect(refusals, 'Content-Security-Policy refusals').toEqual([]);
      }
      if (testInfo.status === 'passed') {
        // Checking takes time of its own, beyond what the test's steps were given.
        testInfo.setTimeout(testInfo.timeout + 180_000);
        const found: string[] = [];
        for (const [ctx, scripted] of contexts) {
          const checked = new Set<string>();
          for (const p of ctx.pages()) {
            if (p.isClosed() || !p.url().startsWith('http')) continue;
            checked.add(p.url());
            const violations = await accessibilityViolations(p, scripted).catch((e) => [`axe could not run: ${e}`]);
            found.push(...violations.map((v) => `${p.url()}: ${v}`));
          }
          // The pages the test went through and left: shown again with the context's cookies.
          // (Answers of form posts, `/api/…`, are pages only as the post's answer.)
          const state = states.get(ctx) ?? (await ctx.storageState());
          const left = [...(visited.get(ctx) ?? [])].filter((u) => !checked.has(u) && !new URL(u).pathname.startsWith('/api/'));
          if (left.length === 0) continue;
          const again = await browser.newContext({ storageState: state, javaScriptEnabled: scripted });
          const p = await again.newPage();
          for (const url of left) {
            // A server the test started itself and stopped (setup.spec) answers nothing.
            if (!(await p.goto(url).then(() => true).catch(() => false))) continue;
            if (scripted && !(await p.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 15_000 }).then(() => true).catch(() => false))) {
              found.push(`${url} (again): did not hydrate`);
              continue;
            }
            const violations = await accessibilityViolations(p, scripted).catch((e) => [`axe could not run: ${e}`]);
            found.push(...violations.map((v) => `${url} (again): ${v}`));
          }
          await again.close();
        }
        expect(found, 'WCAG 2.1 A/AA violations (axe)').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export const DEMO = {
  anna: { email: 'anna@example.com', password: 'demo', name: 'Anna Petrova' },
  marco: { email: 'marco@example.com', password: 'demo', name: 'Marco Rossi' },
  admin: { email: 'admin@example.com', password: 'admin', name: 'Alex Morgan' },
};

export async function signIn(page: Page, who: { email: string; password: string } = DEMO.anna) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/crm\/deal$/);
}

/** Waits until the WebAssembly has hydrated the page (set at the end of hydration). */
export async function hydrated(page: Page) {
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

export async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

/** Calls a server function as the browser does (same cookies, same Origin). */
export async function api(request: APIRequestContext, baseURL: string, name: string, body: unknown) {
  const res = await request.post(`/api/${name}`, {
    data: body,
    headers: { Origin: baseURL, 'Content-Type': 'application/json' },
  });
  return { status: res.status(), json: await res.json().catch(() => null) };
}

/** The common card view, as layout server functions name it. */
export const COMMON = { kind: 'common' };

let counter = 0;
/** A unique title, so a test can find its own items. */
export function unique(prefix: string) {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1000)}`;
}

/** Creates a deal through the API and returns its id. */
export async function createDeal(page: Page, baseURL: string, title: string, extra: Record<string, unknown> = {}) {
  const values = { title: { t: 'text', v: title }, ...extra };
  const res = await api(page.request, baseURL, 'create_item', { entity: 'deal', pipeline_id: null, values });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as number;
}

export function field(page: Page, code: string) {
  return page.locator(`.card-section [data-field="${code}"]`);
}

/**
 * A new user with the Employee role, made by the admin `page` is signed in as; answers how to
 * sign in as them. A spec's own user leaves other specs' sessions and views alone.
 */
export async function newEmployee(page: Page, baseURL: string, name: string) {
  const email = `${unique(name).replace(/\s+/g, '').toLowerCase()}@example.com`;
  const access = await api(page.request, baseURL, 'access_settings', {});
  const employee = access.json.roles.find((r: { name: string }) => r.name === 'Employee').id;
  const made = await api(page.request, baseURL, 'save_user', {
    id: null, user: { name, email, password: 'a long password', department_id: null, roles: [employee], active: true },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(200);
  return { email, password: 'a long password', id: made.json as number };
}
