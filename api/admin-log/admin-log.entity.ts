import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { User } from '../users/user.entity.js';
import { ADMIN_LOG_ACTIONS, ADMIN_LOG_OUTCOMES } from './actions.js';

/**
 * One line of the administration log: logins, account changes and every admin write. Append-only
 * in the database (trigger), like the chain of custody; only the retention purge deletes old lines.
 */
export const AdminLogEntry = defineEntity({
  name: 'AdminLogEntry',
  tableName: 'admin_log',
  properties: {
    id: p.bigint('number').primary(),
    at: p.datetime().onCreate(() => new Date()),
    action: p.enum([...ADMIN_LOG_ACTIONS]),
    outcome: p.enum([...ADMIN_LOG_OUTCOMES]),
    /** Null for a failed login on an address that has no account. */
    actor: () => p.manyToOne(User).nullable(),
    /** The account's e-mail at the time, or the address typed in a failed login. */
    actorEmail: p.string().length(254).nullable(),
    actorRole: p.string().length(20).nullable(),
    ip: p.string().length(45).nullable(),
    method: p.string().length(10).nullable(),
    route: p.string().length(200).nullable(),
    status: p.smallint().nullable(),
    targetType: p.string().length(40).nullable(),
    targetId: p.string().length(60).nullable(),
    requestId: p.string().length(64).nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
  },
});
export type AdminLogEntry = InferEntity<typeof AdminLogEntry>;
