// Browser tests of CRM Card. `make test` builds the app once and runs these against the debug
// server, started here on a fresh SQLite database with demo data. Chromium is Debian's
// (/usr/bin/chromium): Playwright downloads no browser.
import { defineConfig } from '@playwright/test';
import * as os from 'node:os';
import * as path from 'node:path';

const port = Number(process.env.CRM_E2E_PORT ?? 3917);
const bin = process.env.CRM_BIN ?? path.resolve(__dirname, '../target/debug/crm-card');
const siteRoot = process.env.CRM_SITE_ROOT ?? path.resolve(__dirname, '../target/site');
const dataDir = path.join(os.tmpdir(), `crm-card-e2e-${port}`);

export default defineConfig({
  testDir: './tests',
  // A cap against hangs, not a speed check: on a busy 2-core machine the longest specs (every
  // field type, views across three users) take 30–50 s with both workers running.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // Without the networking flags chromium keeps calling home on this closed network.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'hydrated', testIgnore: /nojs\.spec\.ts/, use: { javaScriptEnabled: true } },
    { name: 'no-javascript', testMatch: /nojs\.spec\.ts/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `rm -rf '${dataDir}' && exec '${bin}'`,
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      CRM_ADDRESS: `127.0.0.1:${port}`,
      CRM_DATA_DIR: dataDir,
      CRM_DEMO_DATA: 'true',
      DATABASE_URL: '',
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_OUTPUT_NAME: 'crm-card',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      CRM_LOG: 'warn',
    },
  },
});
