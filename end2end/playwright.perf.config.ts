// P7–P9 of `make bench` (bench/run.sh starts the release server and passes its address in
// BENCH_BASE): browser figures under a 4× CPU throttle. Figures, not tests: perf.spec.ts prints
// them and fails only when the page cannot be driven at all.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './perf',
  timeout: 15 * 60_000,
  workers: 1,
  retries: 0,
  reporter: [['line']],
  use: {
    baseURL: process.env.BENCH_BASE ?? 'http://127.0.0.1:3990',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
