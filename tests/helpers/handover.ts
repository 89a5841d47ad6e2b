import type { TestApp } from './app.js';

let batches = 0;

/**
 * Puts devices where a pickup leaves them: `status` (handed_over by default), at the partner's
 * site, in a picked-up batch addressed to `organisation` — the partner sees a device through its
 * batch (api/devices/device-scope.ts). Returns the batch id.
 */
export async function handOver(t: TestApp, deviceIds: number[], options: { organisation?: string; status?: string } = {}): Promise<number> {
  const organisation = options.organisation ?? 'Emmaüs Connect';
  const [batch] = await t.sql<{ id: number }>(
    `insert into batches (reference, site, partner, status, created_by_id, picked_up_at, created_at, updated_at, version)
     select $1, 'Dépôt DSI — Lille', $2, 'picked_up', id, now(), now(), now(), 1 from users where role = 'admin' order by id limit 1 returning id`,
    [`LOT-TEST-${process.pid % 10000}-${++batches}`.slice(0, 20), organisation],
  );
  await t.sql(`update devices set status = $1, site = $2, batch_id = $3, version = version + 1 where id = any($4)`, [
    options.status ?? 'handed_over',
    `${organisation} — Lille`,
    batch.id,
    deviceIds,
  ]);
  return batch.id;
}
