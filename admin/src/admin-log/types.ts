import type { AdminLogAction, AdminLogOutcome } from '../../../api/admin-log/actions.js';

/** One line of GET /api/admin-log. */
export interface AdminLogEntry {
  id: number;
  at: string;
  action: AdminLogAction;
  outcome: AdminLogOutcome;
  actorId: number | null;
  actorName: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  method: string | null;
  route: string | null;
  status: number | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}
