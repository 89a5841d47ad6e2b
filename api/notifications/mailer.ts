import nodemailer from 'nodemailer';
import type { EntityManager } from '@mikro-orm/postgresql';

const MAX_ATTEMPTS = 10;

interface OutboxRow {
  id: number;
  to_email: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
}

/**
 * Sends the queued e-mails. Rows are claimed with SKIP LOCKED (several instances never send one
 * twice); a failure leaves the message pending with an exponential backoff, up to 10 attempts.
 */
export async function sendPendingMail(em: EntityManager, smtpUrl: string, from: string): Promise<{ sent: number; failed: number }> {
  const rows = await em.execute<OutboxRow[]>(
    `select id, to_email, subject, text, html, attempts from outbox
      where status = 'pending' and next_attempt_at <= now() order by id limit 50 for update skip locked`,
  );
  if (!rows.length) return { sent: 0, failed: 0 };
  const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  let sent = 0;
  let failed = 0;
  try {
    for (const row of rows) {
      try {
        await transport.sendMail({ from, to: row.to_email, subject: row.subject, text: row.text, html: row.html });
        await em.execute(`update outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null where id = ?`, [row.id]);
        sent++;
      } catch (error) {
        failed++;
        const attempts = row.attempts + 1;
        await em.execute(
          `update outbox set attempts = ?, last_error = ?, status = ?, next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
          [attempts, String((error as Error).message).slice(0, 500), attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', Math.min(2 ** attempts * 30, 6 * 3600), row.id],
        );
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}

/** Once a day, users who chose the daily digest get one e-mail listing what happened. */
export async function queueDailyDigests(em: EntityManager, publicUrl: string): Promise<{ digests: number }> {
  const [last] = await em.execute<{ recent: boolean }[]>(
    `select exists (select 1 from job_runs where name = 'mail-digest' and finished_at > now() - interval '20 hours') as recent`,
  );
  if (last.recent) return { digests: 0 };
  const rows = await em.execute<{ user_id: number; email: string; messages: string[]; ids: number[]; persons: number[] }[]>(
    `select u.id as user_id, u.email, array_agg(n.message order by n.created_at) as messages, array_agg(n.id) as ids,
            array_remove(array_agg(distinct n.beneficiary_id), null) as persons
       from notifications n join users u on u.id = n.user_id
      where u.active and u.email_preference = 'daily' and n.read_at is null and n.digested_at is null
      group by u.id, u.email`,
  );
  for (const row of rows) {
    const list = row.messages.map((message) => `- ${message}`).join('\n');
    const html = `<p>Ce qui s'est passé depuis votre dernier résumé :</p><ul>${row.messages
      .map((message) => `<li>${message.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</li>`)
      .join('')}</ul><p><a href="${publicUrl}/admin/">Ouvrir Réemploi</a></p>`;
    await em.execute(`insert into outbox (user_id, to_email, subject, text, html, beneficiary_ids) values (?, ?, ?, ?, ?, ?::int[])`, [
      row.user_id,
      row.email,
      `Réemploi — résumé du jour (${row.messages.length} notification${row.messages.length > 1 ? 's' : ''})`,
      `Ce qui s'est passé depuis votre dernier résumé :\n${list}\n\nOuvrir Réemploi : ${publicUrl}/admin/`,
      html,
      `{${row.persons.join(',')}}`,
    ]);
    await em.execute(`update notifications set digested_at = now() where id = any(?::int[])`, [`{${row.ids.join(',')}}`]);
  }
  return { digests: rows.length };
}

/** An e-mail to an address that is no account (a witness of the transparency log), sent by the outbox like the others. */
export async function queueMailToAddress(em: EntityManager, mail: { to: string; subject: string; text: string; html: string }): Promise<void> {
  await em.execute(`insert into outbox (user_id, to_email, subject, text, html) values (null, ?, ?, ?, ?)`, [mail.to, mail.subject, mail.text, mail.html]);
}
