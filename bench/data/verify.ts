import type pg from 'pg';
import { TRANSITIONS } from '../../api/devices/lifecycle.js';

/**
 * Consistency checks of a generated dataset against the lifecycle table and the workflows' rules.
 * Each query returns the number of offending rows; all must be zero.
 */
export const CHECKS: [string, string][] = [
  [
    'last status change of every device = its status',
    `select count(*) from devices d
     where d.status <> coalesce((select e.to_status from events e where e.device_id = d.id and e.to_status is not null order by e.at desc, e.id desc limit 1), 'none')`,
  ],
  [
    'each status change starts where the previous one ended',
    `select count(*) from (
       select from_status, lag(to_status) over (partition by device_id order by at, id) as previous, type
       from events where to_status is not null) x
     where x.previous is distinct from x.from_status`,
  ],
  [
    'every status change is in the lifecycle table',
    `select count(*) from events e where e.type = 'transition'
       and (e.from_status, e.to_status) not in (${TRANSITIONS.map((t) => `('${t.from}', '${t.to}')`).join(', ')})`,
  ],
  ['devices in a batch are in a draft or ready batch at its site', `select count(*) from devices d join batches b on b.id = d.batch_id where d.status = 'in_batch' and (b.status not in ('draft', 'ready') or d.site <> b.site)`],
  ['devices picked up are in a picked-up batch', `select count(*) from devices d left join batches b on b.id = d.batch_id where d.status in ('handed_over', 'refurbished', 'recycled', 'allocated') and (b.id is null or b.status not in ('picked_up', 'closed'))`],
  ['one allocation per allocated device, with an equipped referral', `select (select count(*) from devices where status = 'allocated') - (select count(*) from allocations a join referrals r on r.id = a.referral_id join devices d on d.id = a.device_id where r.status = 'equipped' and d.status = 'allocated')`],
  ['certificate number of each sanitized-or-later device is its latest certificate', `select count(*) from devices d where d.certificate_number is distinct from (select c.number from certificates c where c.device_id = d.id order by c.issued_at desc limit 1)`],
  ['every certified device with media has a successful wipe of each medium', `select count(*) from devices d join media m on m.device_id = d.id where d.certificate_number is not null and not exists (select 1 from sanitizations s where s.medium_id = m.id and s.result = 'success')`],
  [
    'quarantined devices: the latest wipe of one of their media failed',
    `select count(*) from devices d where d.status = 'quarantined' and not exists (
       select 1 from media m where m.device_id = d.id
         and (select s.result from sanitizations s where s.medium_id = m.id order by s.finished_at desc, s.id desc limit 1) = 'failure')`,
  ],
  ['registration is the first event of each device', `select count(*) from devices d where (select e.type from events e where e.device_id = d.id order by e.at, e.id limit 1) not in ('registered', 'imported')`],
  ['no event before the device was registered', `select count(*) from events e join devices d on d.id = e.device_id where e.at < d.created_at`],
  ['allocation after the referral was accepted', `select count(*) from allocations a join referrals r on r.id = a.referral_id where r.accepted_at is null or r.accepted_at > a.allocated_at or r.created_at > r.accepted_at`],
  ['allocation price within the agreement cap', `select count(*) from allocations a join devices d on d.id = a.device_id join agreements g on g.id = a.agreement_id where a.price_cents > ((g.price_caps ->> d.type)::numeric * 100)`],
  ['audited devices were expected by their stock-take', `select count(*) from events e where e.type = 'audited' and not exists (select 1 from audit_expected x where x.audit_id = (e.details ->> 'audit')::int and x.device_id = e.device_id)`],
];

export async function verifyDataset(client: pg.Client): Promise<{ check: string; offending: number }[]> {
  const results = [];
  for (const [check, sql] of CHECKS) {
    const { rows } = await client.query<{ count: string }>(sql.startsWith('select (select') ? `select (${sql.slice(7)}) as count` : sql);
    results.push({ check, offending: Number(Object.values(rows[0])[0]) });
  }
  return results;
}
