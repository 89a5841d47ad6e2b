import { defineConfig } from 'vitest/config';
import { statusLogPath } from './tests/helpers/status-log.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/.tmp/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // the app under test logs every answered status; the global setup fails the run on an undocumented one
    env: { REEMPLOI_STATUS_LOG: statusLogPath() },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
