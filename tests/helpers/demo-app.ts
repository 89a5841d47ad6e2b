import { pino } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp } from '../../api/app.js';
import { loadConfig, type AppConfig } from '../../api/config.js';
import { initOrm } from '../../api/db/orm.js';
import { seedDemoIfEmpty } from '../../seeds/demo.js';
import { createTestDatabase } from './app.js';

export interface DemoApp {
  app: ReturnType<typeof createApp>;
  orm: MikroORM;
  config: AppConfig;
}

/**
 * The app on a fresh test database loaded with the demo data (seeds/demo.ts), as a new
 * installation's demo is: its accounts sign in with DEMO_PASSWORD. `documents`: the demo's signed
 * documents too (the configuration then needs a TRANSPARENCY_SIGNING_KEY).
 */
export async function createDemoApp(overrides: Record<string, string> = {}, options: { documents?: boolean } = {}): Promise<DemoApp> {
  const url = await createTestDatabase();
  const orm = await initOrm(url);
  const config = loadConfig({ DATABASE_URL: url, JWT_SECRET: 'demo-test-secret-0123456789abcdefghij', ...overrides });
  if (!(await seedDemoIfEmpty(orm.em.fork(), options.documents ? config : undefined))) throw new Error('the demo data did not load: the new test database was not empty');
  return { app: createApp({ orm, config, logger: pino({ level: 'silent' }) }), orm, config };
}
