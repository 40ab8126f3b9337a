import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the real renderer served by the loopback bridge, in Debian's Chromium
 * (no downloaded browsers here). Each test starts its own backend on a fresh database.
 */
export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e-web/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'],
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 2,
  fullyParallel: true,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    locale: 'sv-SE',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    acceptDownloads: true,
    trace: 'retain-on-failure',
  },
});
