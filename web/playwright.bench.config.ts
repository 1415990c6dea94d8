// `make bench` (npm run bench:board): the board's figures in Chromium against the whole system.
import { defineConfig } from '@playwright/test';

import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: 'bench',
  testMatch: '*.bench.ts',
  timeout: 900_000,
  reporter: [['list']],
});
