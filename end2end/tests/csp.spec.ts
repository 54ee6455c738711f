// The Content-Security-Policy: every page carries one with a fresh nonce, Leptos's scripts run
// under it (the app hydrates), and a script injected into the page without the nonce is refused
// and reported — which is what the CSP guard of every spec (helpers.ts) listens for.
import { CSP_REFUSAL, expect, hydrated, signIn, test } from './helpers';

test('pages hydrate under a nonce policy, and an injected inline script is refused', async ({ page }) => {
  test.info().annotations.push({ type: 'csp-refusal', description: 'this test provokes one' });
  const refusals: string[] = [];
  page.on('console', (m) => {
    if (CSP_REFUSAL.test(m.text())) refusals.push(m.text());
  });
  await signIn(page);
  const res = await page.goto('/crm/deal');
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9_-]{16,}' 'strict-dynamic' 'wasm-unsafe-eval'/);
  await hydrated(page);
  expect(refusals).toEqual([]);
  // Markup an attacker got into a page: an event attribute added to the document...
  await page.evaluate(() => {
    const s = document.createElement('div');
    s.innerHTML = '<img src="/no-such-image" onerror="window.__pwned = 1">';
    document.body.appendChild(s);
  });
  await expect.poll(() => refusals.length).toBeGreaterThan(0);
  // ...and an inline script in the server's HTML itself, without the nonce.
  await page.route('**/crm/deal', async (route) => {
    const original = await route.fetch();
    const html = (await original.text()).replace('</body>', '<script>window.__pwned = 2</script></body>');
    await route.fulfill({ response: original, body: html });
  });
  const before = refusals.length;
  await page.goto('/crm/deal');
  await hydrated(page);
  await expect.poll(() => refusals.length).toBeGreaterThan(before);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
