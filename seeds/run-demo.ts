/**
 * `npm run seed:demo`: loads the demo accounts and devices into the DATABASE_URL database, on
 * purpose (demo accounts never appear on a real database otherwise). Refuses a non-empty database.
 */
import { ensureDatabase, initOrm, migrate } from '../api/db/orm.js';
import { seedDemoIfEmpty } from './demo.js';
import { loadConfig } from '../api/config.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to fill with demo data (without it, `npm start` seeds the embedded one by itself).');
  process.exit(1);
}
await ensureDatabase(url);
const orm = await initOrm(url);
await migrate(orm);
// the certificates and manifests issued print the server's public address and organisation: the
// same environment as the server's (its JWT secret plays no part here)
const { publicUrl, organisationName } = loadConfig({ JWT_SECRET: 'seed-only-0123456789-abcdefghijklmnopqrstuvwxyz', ...process.env });
const seeded = await seedDemoIfEmpty(orm.em.fork(), { publicUrl, organisationName });
console.log(seeded ? 'Demo data loaded. Password of every demo account: demo-reemploi' : 'The database already has users: nothing loaded.');
await orm.close();
