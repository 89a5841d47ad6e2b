import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../api/users/user.entity.js';
import { DemoSeeder } from './DemoSeeder.js';
import { issueDemoDocuments } from './demo-documents.js';
import type { DocumentContext } from '../api/sanitization/certificate.routes.js';

/**
 * Loads the demo data on an empty database only; returns whether it did. With `documents` (the
 * server's public address and organisation, printed on them), the demo's certificates and
 * manifests are issued too, once the data is committed.
 */
export async function seedDemoIfEmpty(em: EntityManager, documents?: DocumentContext['config']): Promise<boolean> {
  if ((await em.count(User, {})) > 0) return false;
  await em.transactional((tx) => new DemoSeeder().run(tx as EntityManager));
  if (documents) await issueDemoDocuments(em.fork(), documents);
  return true;
}
