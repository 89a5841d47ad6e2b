import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config.js';
import { initOrm, migrate } from '../db/orm.js';
import { withStartupLock } from '../db/startup-lock.js';
import { UserCreateSchema } from '../users/user.schemas.js';
import { createUser } from '../users/user.service.js';

/**
 * `npm run create-admin -- --email dsi@lenord.fr --name "Jeanne Martin"`: the first administrator
 * of a production database (DATABASE_URL), who then creates every other account in the back office.
 * The password comes from ADMIN_PASSWORD or is generated and printed once.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError('create-admin works on a production database: set DATABASE_URL (demo mode already has an admin@demo.reemploi.fr account).');
  }
  const generated = !process.env.ADMIN_PASSWORD;
  const password = process.env.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
  const input = UserCreateSchema.safeParse({ email: values.email, name: values.name, role: 'admin', password });
  if (!input.success) {
    const problems = input.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    throw new ConfigError(`Cannot create the administrator: ${problems.join('; ')}. Usage: npm run create-admin -- --email <e-mail> --name "<full name>"`);
  }
  const orm = await initOrm(config.databaseUrl);
  try {
    await withStartupLock(config.databaseUrl, () => migrate(orm));
    const user = await createUser(orm.em.fork(), input.data);
    console.log(`Administrator ${user.email} created (id ${user.id}).`);
    if (generated) console.log(`Temporary password (shown once, change it after signing in): ${password}`);
  } finally {
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
