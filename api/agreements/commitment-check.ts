import type { EntityManager } from '@mikro-orm/postgresql';
import type { Notifier } from '../notifications/notify.js';
import { computeSummary } from '../reports/indicators.js';
import { countOf } from '../core/french.js';

const LABELS: Record<string, (actual: number, target: number) => string> = {
  devicesDonated: (actual, target) => `${countOf(actual, 'appareil donné', 'appareils donnés')} pour un objectif au prorata de ${target}`,
  residentsEquipped: (actual, target) => `${countOf(actual, 'habitant équipé', 'habitants équipés')} pour un objectif au prorata de ${target}`,
  residentsTrained: (actual, target) => `${countOf(actual, 'habitant souhaitant', 'habitants souhaitant')} une formation pour un objectif au prorata de ${target}`,
  solidaritySales: (actual, target) => `${countOf(actual, 'vente solidaire', 'ventes solidaires')} pour un objectif au prorata de ${target}`,
};

const monthName = (date: Date) => new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(date);

/**
 * Once a month, after the month has ended: each partnership commitment behind its pro-rata
 * target since 1 January is reported to admins and the steering committee (figures only).
 */
export async function checkCommitments(em: EntityManager, notifier: Notifier, now = new Date()): Promise<{ month: string; behind: number; skipped?: boolean }> {
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const month = lastDay.toISOString().slice(0, 7);
  const [done] = await em.execute<{ done: boolean }[]>(
    `select exists (select 1 from job_runs where name = 'commitments-check' and finished_at is not null and result ->> 'month' = ?) as done`,
    [month],
  );
  if (done.done) return { month, behind: 0, skipped: true };
  const summary = await computeSummary(em, { from: `${lastDay.getUTCFullYear()}-01-01`, to: lastDay.toISOString().slice(0, 10) });
  let behind = 0;
  for (const [key, describe] of Object.entries(LABELS)) {
    const figure = (summary.commitments as unknown as Record<string, { actual: number; committed: number } | undefined>)[key];
    if (!figure || !figure.committed || figure.actual >= figure.committed) continue;
    behind++;
    const target = Math.round(figure.committed);
    await notifier(em, { roles: ['admin', 'viewer'] }, {
      kind: 'commitment_behind',
      message: `Fin ${monthName(lastDay)} : ${describe(figure.actual, target)} (${Math.round((figure.actual / figure.committed) * 100)} %).`,
      link: '/',
    });
  }
  return { month, behind };
}
