// A new installation without demo data, as an administrator starts it: the server prints a
// one-time setup address; opening it creates the first administrator, who is then signed in;
// the address works once.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { accessibilityViolations, expect, hydrated, test } from './helpers';

const bin = process.env.CRM_BIN ?? path.resolve(__dirname, '../../target/debug/crm-card');
const siteRoot = process.env.CRM_SITE_ROOT ?? path.resolve(__dirname, '../../target/site');

/** Starts a server of its own on an empty database; answers it and the setup address it printed. */
async function freshServer(port: number): Promise<{ server: ChildProcess; setup: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-card-setup-'));
  const server = spawn(bin, [], {
    env: {
      ...process.env, CRM_ADDRESS: `127.0.0.1:${port}`, CRM_DATA_DIR: dataDir, CRM_DEMO_DATA: 'false',
      DATABASE_URL: '', LEPTOS_SITE_ROOT: siteRoot, LEPTOS_OUTPUT_NAME: 'crm-card', LEPTOS_SITE_PKG_DIR: 'pkg', CRM_LOG: 'warn',
    },
  });
  const setup = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no setup address printed:\n${out}`)), 60_000);
    server.stdout!.on('data', (d) => {
      out += d.toString();
      const m = out.match(/http:\/\/\S+\/setup\?token=\S+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
  return { server, setup };
}

test('the printed setup address creates the first administrator, once', async ({ page }) => {
  const port = 3900 + Math.floor(Math.random() * 80);
  const { server, setup } = await freshServer(port);
  try {
    const origin = `http://127.0.0.1:${port}`;
    // Without the token every page leads to the setup page, which only says where to look.
    await page.goto(`${origin}/crm/deal`);
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('alert')).toContainText('one-time token');
    await expect(page.getByLabel('Password')).toHaveCount(0);
    expect(await accessibilityViolations(page), 'the setup page without its token').toEqual([]);
    await page.goto(setup);
    await hydrated(page);
    expect(await accessibilityViolations(page), 'the setup form').toEqual([]);
    await page.getByLabel('Your name').fill('Olga Owner');
    // An address the browser accepts but the server does not: its message, and nothing made.
    await page.getByLabel('Email').fill('olga@localhost');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter an email address');
    await page.getByLabel('Email').fill('olga@example.com');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect(page).toHaveURL(/\/crm\/deal$/);
    await expect(page.locator('.user-name')).toHaveText('Olga Owner');
    // Administrators see the CRM settings.
    await page.goto(`${origin}/settings/access`);
    await expect(page.getByRole('heading', { name: 'Access' }).first()).toBeVisible();
    // The address is used up: signed out, it leads to the sign-in page.
    await page.context().clearCookies();
    await page.goto(setup);
    await expect(page).toHaveURL(/\/login$/);
  } finally {
    server.kill();
  }
});
