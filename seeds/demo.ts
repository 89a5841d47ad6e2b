import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../api/users/user.entity.js';
import { DemoSeeder } from './DemoSeeder.js';

/** Loads the demo data on an empty database only; returns whether it did. */
export async function seedDemoIfEmpty(em: EntityManager): Promise<boolean> {
  if ((await em.count(User, {})) > 0) return false;
  await em.transactional((tx) => new DemoSeeder().run(tx as EntityManager));
  return true;
}
