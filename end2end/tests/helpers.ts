// Shared steps: signing in, waiting for hydration, and making test items through the API
// (each test works on items of its own, so tests never disturb each other).
import { expect, type Page, type APIRequestContext } from '@playwright/test';

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
