import { api, createDeal, expect, field, hydrated, open, signIn, test, unique } from './helpers';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a field edited inline is saved, logged on the timeline, and still there after a reload', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Inline edit'));
  await open(page, `/crm/deal/${id}`);
  await field(page, 'probability').click();
  const input = field(page, 'probability').locator('input');
  await expect(input).toBeFocused();
  await input.fill('55');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('55');
  await expect(page.locator('.timeline .event').first()).toContainText('Probability, %');
  await expect(page.locator('.timeline .event').first()).toContainText('55');
  await page.reload();
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('55');
});

test('the editors built ahead while the card is idle leave no trace: nothing shown, nothing sent, no error', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Warm-up'));
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.text().includes('panicked')) problems.push(m.text());
  });
  await open(page, `/crm/deal/${id}`);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) sent.push(r.url());
  });
  const fields = await page.locator('[data-field]').count();
  await page.waitForFunction(() => performance.getEntriesByName('editors-warm').length > 0);
  expect(problems).toEqual([]);
  expect(sent).toEqual([]);
  await expect(page.locator('.field.editing')).toHaveCount(0);
  await expect(page.locator('[id^="f-warm-up"]')).toHaveCount(0);
  await expect(page.locator('[data-field]')).toHaveCount(fields);
  // The first edit after it works as ever.
  await field(page, 'probability').click();
  await expect(field(page, 'probability').locator('input')).toBeFocused();
});

test('a wrong value is explained beside the field and what was typed stays', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Bad input'));
  await open(page, `/crm/deal/${id}`);
  await field(page, 'probability').click();
  await field(page, 'probability').locator('input').fill('lots');
  await field(page, 'amount').locator('input').fill('1 250,50');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'probability').locator('.field-error')).toHaveText('Enter a whole number, e.g. 42.');
  await expect(field(page, 'probability').locator('input')).toHaveValue('lots');
  await expect(field(page, 'amount').locator('input')).toHaveValue('1 250,50');
  await field(page, 'probability').locator('input').fill('42');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'amount').locator('.field-value')).toHaveText('$1,250.50');
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('42');
});

test('what was typed and cancelled is not saved by the next edit of the section', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Cancelled edit'));
  await open(page, `/crm/deal/${id}`);
  // Type into one field, cancel, then start again from another field of the same section.
  await field(page, 'probability').click();
  await field(page, 'amount').locator('input').fill('777');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Cancel' }).click();
  await expect(field(page, 'amount').locator('.field-value')).toHaveText('not filled');
  await field(page, 'probability').click();
  await expect(field(page, 'amount').locator('input')).toHaveValue('');
  await field(page, 'probability').locator('input').fill('15');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('15');
  await expect(field(page, 'amount').locator('.field-value')).toHaveText('not filled');
  await page.reload();
  await expect(field(page, 'amount').locator('.field-value')).toHaveText('not filled');
  await expect(page.locator('.timeline .event').first()).not.toContainText('777');
});

test('moving the stage logs it; a final stage asks first; the move survives a reload', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Stage move'));
  await open(page, `/crm/deal/${id}`);
  await expect(page.locator('.stage.current')).toHaveText('New');
  await page.locator('.stage', { hasText: 'Invoice' }).click();
  await expect(page.locator('.stage.current')).toHaveText('Invoice');
  const first = page.locator('.timeline .event').first();
  await expect(first).toContainText('Stage changed');
  await expect(first).toContainText('New → Invoice');
  await page.locator('.stage', { hasText: 'Deal won' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Deal won');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.stage.current')).toHaveText('Invoice');
  await page.locator('.stage', { hasText: 'Deal won' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('.stage.current')).toHaveText('Deal won');
  await page.reload();
  await expect(page.locator('.stage.current')).toHaveText('Deal won');
  await expect(page.locator('.timeline .event').first()).toContainText('Invoice → Deal won');
});

test('a comment sent with Ctrl+Enter appears at the top of the timeline and stays', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Comment'));
  await open(page, `/crm/deal/${id}`);
  const text = unique('Called the client');
  const box = page.getByPlaceholder('Leave a comment… (Ctrl+Enter sends)');
  await box.fill(text);
  await box.press('Control+Enter');
  await expect(page.locator('.timeline .event').first()).toContainText(text);
  await expect(box).toHaveValue('');
  await page.reload();
  await expect(page.locator('.timeline .event').first()).toContainText(text);
});

test('"Load more" brings the older timeline events, without repeats', async ({ page }) => {
  await open(page, '/crm/deal?q=Annual+supply+contract');
  await page.locator('table.items a').first().click();
  await hydrated(page);
  const events = page.locator('.timeline .event');
  await expect(events).toHaveCount(20);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(events).toHaveCount(40);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect.poll(() => events.count()).toBeGreaterThan(40);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  const ids = await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));
  expect(new Set(ids).size).toBe(ids.length);
  await expect(events.last()).toContainText('Item created');
});

test('Relations link to the company and History lists the field changes', async ({ page, baseURL }) => {
  const search = await api(page.request, baseURL!, 'search_items', { entity: 'company', query: 'Porto Wines' });
  const company = search.json[0];
  const id = await createDeal(page, baseURL!, unique('Related'), { company: { t: 'text', v: `company:${company.id}` } });
  await open(page, `/crm/deal/${id}`);
  await expect(field(page, 'company').locator('a')).toHaveText('Porto Wines');
  await field(page, 'probability').click();
  await field(page, 'probability').locator('input').fill('30');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('30');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('.history-table tbody tr').first()).toContainText('Probability, %');
  await expect(page.locator('.history-table tbody tr').first()).toContainText('Anna Petrova');
  await page.getByRole('tab', { name: 'Relations' }).click();
  await page.locator('.relations').getByRole('link', { name: 'Porto Wines' }).click();
  await expect(page).toHaveURL(new RegExp(`/crm/company/${company.id}$`));
  await expect(page.locator('.card-title')).toHaveText('Porto Wines');
});

test('a section being edited keeps what was typed while another tab is looked at', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Tabs'));
  await open(page, `/crm/deal/${id}`);
  await field(page, 'probability').click();
  await field(page, 'probability').locator('input').fill('45');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('.history')).toContainText('No field has been changed yet.');
  await expect(field(page, 'probability')).toBeHidden();
  await page.getByRole('tab', { name: 'General' }).click();
  await expect(field(page, 'probability').locator('input')).toHaveValue('45');
  await page.locator('[data-section="about"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('45');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('.history-table tbody tr').first()).toContainText('Probability, %');
});

test('leaving a card with something typed and not saved asks first; with nothing typed it does not', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Leaving'));
  await open(page, `/crm/deal/${id}`);
  const deals = page.getByRole('navigation', { name: 'CRM' }).getByRole('link', { name: 'Deals' });
  const asked: string[] = [];
  let answer: 'accept' | 'dismiss' = 'dismiss';
  page.on('dialog', (d) => {
    asked.push(`${d.type()}: ${d.message()}`);
    void (answer === 'accept' ? d.accept() : d.dismiss());
  });
  await field(page, 'probability').click();
  await field(page, 'probability').locator('input').fill('65');

  // A link to another page of the app: the card asks, and staying keeps what was typed.
  await deals.click();
  await expect.poll(() => asked).toEqual(['confirm: Leave this card? What you typed in the section being edited is not saved.']);
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${id}$`));
  await expect(field(page, 'probability').locator('input')).toHaveValue('65');
  // Closing the page: the browser asks.
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked.length).toBe(2);
  expect(asked[1]).toMatch(/^beforeunload/);
  await expect(field(page, 'probability').locator('input')).toHaveValue('65');
  // Leaving anyway.
  answer = 'accept';
  await deals.click();
  await expect(page).toHaveURL(/\/crm\/deal$/);
  expect(asked).toHaveLength(3);

  // An edit opened with nothing typed: no question.
  await open(page, `/crm/deal/${id}`);
  await expect(field(page, 'probability').locator('.field-value')).toHaveText('not filled');
  await field(page, 'probability').click();
  await expect(field(page, 'probability').locator('input')).toBeFocused();
  await deals.click();
  await expect(page).toHaveURL(/\/crm\/deal$/);
  expect(asked).toHaveLength(3);
});

test("the browser's Back with something typed and not saved asks first; staying keeps the card and what was typed", async ({ page, baseURL }) => {
  const title = unique('Going back');
  const id = await createDeal(page, baseURL!, title);
  const asked: string[] = [];
  let answer: 'accept' | 'dismiss' = 'dismiss';
  page.on('dialog', (d) => {
    asked.push(d.message());
    void (answer === 'accept' ? d.accept() : d.dismiss());
  });
  // From the deals to the card inside the app: Back and Forward are then the router's (popstate).
  await open(page, '/crm/deal');
  await page.locator('table.items').getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${id}$`));
  await field(page, 'probability').click();
  await field(page, 'probability').locator('input').fill('35');

  // Back: the card asks; staying keeps the card, its address and what was typed.
  await page.evaluate(() => history.back());
  await expect.poll(() => asked).toEqual(['Leave this card? What you typed in the section being edited is not saved.']);
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${id}$`));
  await expect(field(page, 'probability').locator('input')).toHaveValue('35');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${id}\\?tab=history$`));
  await page.getByRole('tab', { name: 'General' }).click();
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${id}\\?tab=general$`));
  await expect(field(page, 'probability').locator('input')).toHaveValue('35');

  // Back between the card's own tabs is not leaving: nothing is asked.
  await page.evaluate(() => history.back());
  await expect(page).toHaveURL(new RegExp(`/crm/deal/${id}\\?tab=history$`));
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  expect(asked).toHaveLength(1);
  await page.evaluate(() => history.forward());
  await expect(page.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true');

  // Leaving anyway: the deals list is shown.
  answer = 'accept';
  await page.evaluate(() => history.go(-3));
  await expect.poll(() => asked).toHaveLength(2);
  await expect(page).toHaveURL(/\/crm\/deal$/);
  await expect(page.locator('table.items')).toBeVisible();
});

test('a CRM item field is chosen by searching', async ({ page, baseURL }) => {
  const id = await createDeal(page, baseURL!, unique('Picker'));
  await open(page, `/crm/deal/${id}`);
  await field(page, 'company').click();
  await field(page, 'company').locator('input[type=search]').fill('Alpine');
  await field(page, 'company').getByRole('button', { name: /Alpine Dairy/ }).click();
  await page.locator('[data-section="client"]').getByRole('button', { name: 'Save' }).click();
  await expect(field(page, 'company').locator('a')).toHaveText('Alpine Dairy');
});

test('a new deal is created from the list and opens as a card', async ({ page }) => {
  const title = unique('Brand new deal');
  await open(page, '/crm/deal');
  await page.getByRole('link', { name: 'New' }).click();
  await hydrated(page);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('[data-field="title"] .field-error')).toHaveText('Required.');
  await page.locator('[data-field="title"] input').fill(title);
  await page.locator('[data-field="amount"] input').fill('9900');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.locator('.card-title')).toHaveText(title);
  await expect(field(page, 'amount').locator('.field-value')).toHaveText('$9,900.00');
  await expect(page.locator('.card-meta .responsible')).toHaveText('Anna Petrova');
  await open(page, `/crm/deal?q=${encodeURIComponent(title)}`);
  await expect(page.locator('table.items tbody tr')).toHaveCount(1);
});

test('the list filters by stage and searches', async ({ page }) => {
  await open(page, '/crm/deal');
  await page.locator('select[name=stage]').selectOption({ label: 'Sales: Deal won' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/stage=\d+/);
  const badges = page.locator('table.items .stage-badge');
  await expect(badges.first()).toBeVisible();
  for (const text of await badges.allTextContents()) expect(text).toBe('Deal won');
  await page.getByPlaceholder('Name, phone, email…').fill('zzzz no such deal');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('Nothing found.')).toBeVisible();
});
