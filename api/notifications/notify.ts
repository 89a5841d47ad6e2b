import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../core/permissions.js';

export interface Notice {
  kind: string;
  /** One sentence saying what happened. Never a beneficiary's last name: see the callers. */
  message: string;
  /** The back-office screen where the recipient acts, e.g. `/batches/12/show`. */
  link: string | null;
  /** The person the message names (by first name), if any: erasure finds the notice and its e-mail by it. */
  beneficiaryId?: number;
}

export type Recipients = { userIds: number[] } | { roles: Role[]; organisation?: string };

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The e-mail of one notice: French, plain text and simple HTML, with the link to act. */
export function mailFor(notice: Notice, publicUrl: string): { subject: string; text: string; html: string } {
  const url = notice.link ? `${publicUrl}/admin${notice.link}` : `${publicUrl}/admin/`;
  return {
    subject: `Réemploi — ${notice.message}`.slice(0, 200),
    text: `Bonjour,\n\n${notice.message}\n\nVoir dans Réemploi : ${url}\n\n— Réemploi, Département du Nord\nVous recevez ce message selon vos préférences (menu « Mes préférences »).`,
    html: `<div style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px">
<p style="margin:0 0 8px;font-weight:bold;color:#1f4e79">Réemploi — Département du Nord</p>
<p>Bonjour,</p><p>${escapeHtml(notice.message)}</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#1f4e79;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">Voir dans Réemploi</a></p>
<p style="color:#555;font-size:13px">Vous recevez ce message selon vos préférences (menu « Mes préférences »).</p></div>`,
  };
}

/**
 * Notifies users, inside the caller's transaction: an in-app notification each, and for those
 * who want e-mails at once, a message in the outbox (sent later by the mail job, with retries).
 * If the transaction rolls back, nobody is told about something that did not happen.
 */
export async function notify(em: EntityManager, recipients: Recipients, notice: Notice, options: { publicUrl: string; mail: boolean }): Promise<number> {
  const users =
    'userIds' in recipients
      ? await em.execute<{ id: number; email: string; email_preference: string }[]>(
          `select id, email, email_preference from users where active and id = any(?::int[])`,
          [`{${recipients.userIds.join(',')}}`],
        )
      : await em.execute<{ id: number; email: string; email_preference: string }[]>(
          `select id, email, email_preference from users where active and role = any(?::text[]) and (?::text is null or organisation = ?)`,
          [`{${recipients.roles.join(',')}}`, recipients.organisation ?? null, recipients.organisation ?? null],
        );
  for (const user of users) {
    const person = notice.beneficiaryId ?? null;
    await em.execute(`insert into notifications (user_id, kind, message, link, beneficiary_id) values (?, ?, ?, ?, ?)`, [user.id, notice.kind, notice.message, notice.link, person]);
    if (options.mail && user.email_preference === 'immediate') {
      const mail = mailFor(notice, options.publicUrl);
      await em.execute(`insert into outbox (user_id, to_email, subject, text, html, beneficiary_ids) values (?, ?, ?, ?, ?, ?::int[])`, [
        user.id,
        user.email,
        mail.subject,
        mail.text,
        mail.html,
        person === null ? '{}' : `{${person}}`,
      ]);
    }
  }
  return users.length;
}

/** `notify` bound to the app's configuration; services receive it so they notify inside their transaction. */
export type Notifier = (em: EntityManager, recipients: Recipients, notice: Notice) => Promise<void>;

export function makeNotifier(options: { publicUrl: string; mail: boolean }): Notifier {
  return async (em, recipients, notice) => {
    await notify(em, recipients, notice, options);
  };
}
