import path from 'node:path';
import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { User } from '../users/user.entity.js';
import { Device } from '../devices/device.entity.js';
import { DeviceEvent } from '../devices/event.entity.js';
import { Medium } from '../sanitization/medium.entity.js';
import { Sanitization } from '../sanitization/sanitization.entity.js';
import { Certificate } from '../sanitization/certificate.entity.js';
import { Batch } from '../batches/batch.entity.js';
import { Audit } from '../stock-takes/stock-take.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import { Beneficiary } from '../referrals/beneficiary.entity.js';
import { Referral } from '../referrals/referral.entity.js';
import { Allocation } from '../referrals/allocation.entity.js';
import { Factor } from '../factors/factor.entity.js';
import { StoredReport } from '../reports/report.entity.js';
import { AdminLogEntry } from '../admin-log/admin-log.entity.js';

const root = path.resolve(import.meta.dirname, '../..');

export const entities = [User, Device, DeviceEvent, Medium, Sanitization, Certificate, Batch, Audit, Agreement, Beneficiary, Referral, Allocation, Factor, StoredReport, AdminLogEntry];

export function ormConfig(clientUrl: string, options: { debug?: boolean } = {}) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator, SeedManager],
    debug: options.debug ?? false,
    // lets vitest and tsx load the TypeScript migrations
    dynamicImportProvider: (id) => import(id),
    migrations: {
      path: path.join(root, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    seeder: { path: path.join(root, 'seeds') },
    pool: { min: 0, max: 10 },
  });
}

/** Used by the MikroORM CLI only (`npm run migration:create`). */
export default ormConfig(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/reemploi');
