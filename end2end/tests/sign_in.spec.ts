import { DEMO, expect, hydrated, newEmployee, signIn, test } from './helpers';

test('a wrong password is refused with a message, the right one opens the deals', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(DEMO.anna.email);
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Deals' })).toBeVisible();
  await expect(page.locator('.user-name')).toHaveText(DEMO.anna.name);
});

test('pages need a session, and signing out ends it', async ({ page }) => {
  await page.goto('/crm/contact');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/crm/deal');
  await expect(page).toHaveURL(/\/login$/);
});

test('"Sign out everywhere" ends the sessions of every browser of the user', async ({ page, browser, baseURL }) => {
  // A user of its own: other specs' sessions (same server, run alongside) are left alone.
  await signIn(page, DEMO.admin);
  const who = await newEmployee(page, baseURL!, 'Eve Everywhere');
  const other = await browser.newContext();
  const phone = await other.newPage();
  await signIn(phone, who);
  const laptopContext = await browser.newContext();
  const laptop = await laptopContext.newPage();
  await signIn(laptop, who);
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop).toHaveURL(/\/login$/);
  await phone.goto('/crm/deal');
  await expect(phone).toHaveURL(/\/login$/);
  await page.goto('/crm/deal');
  await expect(page).toHaveURL(/\/crm\/deal$/);
  await other.close();
  await laptopContext.close();
});

test('after five wrong passwords an account must wait, and the page says for how long', async ({ page }) => {
  // An address nobody signs in with: the other specs' accounts are not held up.
  const email = `throttled-${Date.now()}@example.com`;
  await page.goto('/login');
  await hydrated(page);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`wrong ${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(i < 4 ? 'Wrong email or password.' : /Too many failed sign-ins/);
  }
  await page.getByLabel('Password').fill('wrong again');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/Too many failed sign-ins\. Try again in \d+ seconds/);
});
