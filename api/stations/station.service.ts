import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditAction } from '../admin-log/admin-log.js';
import type { AuthenticatedUser } from '../core/auth.js';
import { notFound } from '../core/errors.js';
import { NO_PASSWORD } from '../users/oidc/oidc-sign-in.js';
import { User } from '../users/user.entity.js';
import { newStationToken } from './station-token.js';

export interface StationRow {
  id: number;
  name: string;
  site: string;
  token_hint: string;
  user_id: number;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface Station {
  id: number;
  name: string;
  site: string;
  /** The token's first characters, to tell tokens apart (never the token). */
  tokenHint: string;
  /** The station's own account, named in the custody events and wipe records it writes. */
  userId: number;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export const stationFromRow = (row: StationRow): Station => ({
  id: row.id,
  name: row.name,
  site: row.site,
  tokenHint: `${row.token_hint}…`,
  userId: row.user_id,
  createdAt: new Date(row.created_at).toISOString(),
  lastUsedAt: iso(row.last_used_at),
  revokedAt: iso(row.revoked_at),
});

const STATION_COLUMNS = 'id, name, site, token_hint, user_id, created_at, last_used_at, revoked_at';

export async function listStations(em: EntityManager): Promise<Station[]> {
  const rows = await em.execute<StationRow[]>(`select ${STATION_COLUMNS} from station_tokens order by revoked_at is not null, site, name, id`);
  return rows.map(stationFromRow);
}

/**
 * Creates a station and its token; the token is in the answer only, never stored. The station acts
 * through an account of its own: inactive and without password, nobody can sign in with it; its
 * name says which station it is wherever the API names who did something.
 */
export async function createStation(em: EntityManager, input: { name: string; site: string }, admin: AuthenticatedUser): Promise<Station & { token: string }> {
  return em.transactional(async (tx) => {
    const account = tx.create(User, {
      email: `poste-${randomUUID()}@postes-effacement.invalid`,
      name: `Poste d'effacement ${input.name} (${input.site})`.slice(0, 120),
      role: 'it_staff',
      territory: null,
      organisation: null,
      passwordHash: NO_PASSWORD,
      active: false,
      tokenVersion: 0,
    });
    await tx.flush();
    const { token, hash, hint } = newStationToken();
    const [row] = await tx.execute<StationRow[]>(
      `insert into station_tokens (name, site, token_hash, token_hint, user_id, created_by) values (?, ?, ?, ?, ?, ?) returning ${STATION_COLUMNS}`,
      [input.name, input.site, hash, hint, account.id, admin.id],
    );
    auditAction(tx, { action: 'station_created', actor: admin, targetType: 'stations', targetId: row.id, details: { name: row.name, site: row.site } });
    await tx.flush();
    return { ...stationFromRow(row), token };
  });
}

/** Revokes a station's token at once (the next request with it gets a 401); revoking twice changes nothing. */
export async function revokeStation(em: EntityManager, id: number, admin: AuthenticatedUser): Promise<Station> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<StationRow[]>(
      `update station_tokens set revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, ?) where id = ? returning ${STATION_COLUMNS}`,
      [admin.id, id],
    );
    if (!row) throw notFound("Poste d'effacement");
    auditAction(tx, { action: 'station_revoked', actor: admin, targetType: 'stations', targetId: row.id, details: { name: row.name, site: row.site } });
    await tx.flush();
    return stationFromRow(row);
  });
}
