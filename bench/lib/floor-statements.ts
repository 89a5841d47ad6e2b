import pg from 'pg';
import { DEVICE_COLUMNS } from '../../api/devices/device-sql.js';

/** How many statements the API sends for one scan + transition pair (captured from its SQL). */
export const FLOOR_STATEMENTS = 4;

/**
 * The statements the API sends for one scan + transition as the partner, as it sends them
 * (MikroORM's `execute` inlines the values: simple-protocol text, planned each time), captured
 * from the app's SQL on 2026-12-07 (issue #18): the session check (before each of the two
 * requests), the scan with the partner's visibility check, the transition's update-and-insert.
 * The pg floor and the framework floor (bench/framework-floor-server.ts) both send these.
 */
export function floorStatements(partner: { id: number; organisation: string }) {
  const literal = pg.escapeLiteral;
  const organisationSees = `exists (select 1 from batches b where b.id = devices.batch_id and b.status <> 'draft' and b.partner = ${literal(partner.organisation)})`;
  return {
    session: (sessionId: string) =>
      `select id, email, name, role, territory, organisation, active, token_version, exists (select 1 from revoked_sessions where jti = ${literal(sessionId)}::uuid) as revoked from users where id = ${partner.id}`,
    scan: (tag: string) => `select ${DEVICE_COLUMNS}, ${organisationSees} as organisation_sees from devices where asset_tag = ${literal(tag)}`,
    refurbish: (deviceId: number, version: number) =>
      `with changed as ( update devices set status = 'refurbished', version = version + 1, updated_at = now(), refurbished_grade = coalesce('B', refurbished_grade)
         where id = ${deviceId} and status = 'handed_over' and version = ${version} and ${organisationSees} returning ${DEVICE_COLUMNS} ),
       logged as ( insert into events (device_id, type, from_status, to_status, actor_id, site, reason, details, at)
         select id, 'transition', 'handed_over', status, ${partner.id}, site, NULL, '{"grade":"B"}'::jsonb, now() from changed )
       select * from changed`,
  };
}
