import type { JsonOf } from '../../../api/core/json.js';
import type { User } from '../../../api/users/user.entity.js';
import { everyValueOf } from '../types.js';

/**
 * One in-app notice, as GET /api/notifications returns it (the message is already in French).
 * Kept here: the route sends a SQL row with its date made a string, and names no type for it.
 */
export interface AppNotification {
  id: number;
  kind: string;
  message: string;
  /** A back-office path (`/pickup/12`, `/wiping?device=7`…), relative to /admin. */
  link: string | null;
  read: boolean;
  createdAt: string;
}

export type EmailPreference = NonNullable<JsonOf<User['emailPreference']>>;
/** The user entity's list sits in a module that imports MikroORM: copied here, checked against its type. */
export const EMAIL_PREFERENCES = everyValueOf<EmailPreference>()(['immediate', 'daily', 'never']);

/** `PUT /api/me/preferences` (built inline by its route). */
export interface EmailPreferenceState {
  emailPreference: EmailPreference;
  /** false when the server has no SMTP configured: the choice is kept but nothing is sent. */
  emailEnabled: boolean;
}
