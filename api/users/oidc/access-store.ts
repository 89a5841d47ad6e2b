import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClaimMapping } from './claim-mapping.js';

/** Plain SQL on the two tables of the OpenID Connect sign-in (rules and access requests). */

export interface MappingRow {
  id: number;
  provider: string | null;
  claim: string;
  value: string;
  role: ClaimMapping['role'];
  territory: string | null;
  priority: number;
  created_at: Date;
}

export const mappingFromRow = (row: MappingRow): ClaimMapping & { createdAt: string } => ({
  id: row.id,
  provider: row.provider,
  claim: row.claim,
  value: row.value,
  role: row.role,
  territory: row.territory,
  priority: row.priority,
  createdAt: new Date(row.created_at).toISOString(),
});

export async function loadMappings(em: EntityManager): Promise<ClaimMapping[]> {
  const rows = await em.execute<MappingRow[]>('select * from oidc_mappings order by priority, id');
  return rows.map(mappingFromRow);
}

export interface AccessRequestRow {
  id: number;
  provider: string;
  issuer: string;
  subject: string;
  email: string;
  name: string;
  claims: Record<string, string[]>;
  user_id: number | null;
  status: 'pending' | 'approved' | 'refused';
  requested_at: Date;
  decided_at: Date | null;
}

export const accessRequestFromRow = (row: AccessRequestRow) => ({
  id: row.id,
  provider: row.provider,
  email: row.email,
  name: row.name,
  claims: row.claims,
  userId: row.user_id,
  status: row.status,
  requestedAt: new Date(row.requested_at).toISOString(),
  decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
});

export async function findAccessRequest(em: EntityManager, issuer: string, subject: string): Promise<AccessRequestRow | undefined> {
  return em.execute<AccessRequestRow>('select * from access_requests where issuer = ? and subject = ?', [issuer, subject], 'get');
}

/** Opens (or opens again) the request of this identity; true when it was not already pending (the admins must be told). */
export async function openAccessRequest(
  em: EntityManager,
  request: { provider: string; issuer: string; subject: string; email: string; name: string; claims: Record<string, string[]>; userId: number | null },
): Promise<boolean> {
  const [row] = await em.execute<{ was_pending: boolean | null }[]>(
    `with previous as (select status = 'pending' as was_pending from access_requests where issuer = ? and subject = ?)
     insert into access_requests (provider, issuer, subject, email, name, claims, user_id) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (issuer, subject) do update set provider = excluded.provider, email = excluded.email, name = excluded.name, claims = excluded.claims,
       user_id = excluded.user_id, status = 'pending', requested_at = case when access_requests.status = 'pending' then access_requests.requested_at else now() end,
       decided_at = null, decided_by_id = null
     returning (select was_pending from previous) as was_pending`,
    [request.issuer, request.subject, request.provider, request.issuer, request.subject, request.email, request.name, JSON.stringify(request.claims), request.userId],
  );
  return row?.was_pending !== true;
}
