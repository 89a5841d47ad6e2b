/** One in-app notice, as GET /api/notifications returns it (the message is already in French). */
export interface AppNotification {
  id: number;
  kind: string;
  message: string;
  /** A back-office path (`/pickup/12`, `/wiping?device=7`…), relative to /admin. */
  link: string | null;
  read: boolean;
  createdAt: string;
}

export const EMAIL_PREFERENCES = ['immediate', 'daily', 'never'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

export interface EmailPreferenceState {
  emailPreference: EmailPreference;
  /** false when the server has no SMTP configured: the choice is kept but nothing is sent. */
  emailEnabled: boolean;
}
