/**
 * `npm run seed:demo`: loads the demo accounts and devices into the DATABASE_URL database, on
 * purpose (demo accounts never appear on a real database otherwise). Refuses a non-empty database.
 */
import { ensureDatabase, initOrm, migrate } from '../api/db/orm.js';
import { seedDemoIfEmpty } from './demo.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to the database to fill with demo data (without it, `npm start` seeds the embedded one by itself).');
  process.exit(1);
}
await ensureDatabase(url);
const orm = await initOrm(url);
await migrate(orm);
const seeded = await seedDemoIfEmpty(orm.em.fork());
console.log(seeded ? 'Demo data loaded. Password of every demo account: demo-reemploi' : 'The database already has users: nothing loaded.');
await orm.close();
