import { initOrm } from '../../api/db/orm.js';
import { computeSummary } from '../../api/reports/indicators.js';
import type { AppProcess } from '../lib/app-process.js';
import { figure, median, percentile, type Figure } from '../lib/report.js';

/**
 * The steering committee's indicators (`GET /api/reports/summary`) for one calendar year, through
 * the API as a viewer; the raw baseline is the same computation (the same SQL) called in-process,
 * without HTTP, authentication or JSON.
 */
export async function summaryBenchmark(app: AppProcess, databaseUrl: string, options: { from: string; to: string; runs: number; territory?: string; id?: string; label?: string }): Promise<Figure[]> {
  const token = await app.token('viewer');
  const territory = options.territory ?? null;
  const url = `${app.baseUrl}/api/reports/summary?${new URLSearchParams({ from: options.from, to: options.to, ...(territory ? { territory } : {}) })}`;
  const id = options.id ?? 'summary';
  const label = options.label ?? `Summary indicators (${options.from.slice(0, 4)})`;
  const orm = await initOrm(databaseUrl);
  try {
    const apiOnce = async () => {
      const started = performance.now();
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { devices: { registered: number } };
      if (response.status !== 200) throw new Error(`summary: ${response.status} ${JSON.stringify(body)}`);
      return { elapsed: performance.now() - started, body };
    };
    const rawOnce = async () => {
      const started = performance.now();
      const body = await computeSummary(orm.em.fork(), { from: options.from, to: options.to, territory });
      return { elapsed: performance.now() - started, body };
    };
    for (let i = 0; i < 3; i++) {
      await apiOnce();
      await rawOnce();
    }
    const api: number[] = [];
    const raw: number[] = [];
    let last: Awaited<ReturnType<typeof apiOnce>>['body'] | undefined;
    for (let i = 0; i < options.runs; i++) {
      const a = await apiOnce();
      const r = await rawOnce();
      api.push(a.elapsed);
      raw.push(r.elapsed);
      last = a.body;
      if (JSON.stringify(a.body) !== JSON.stringify(JSON.parse(JSON.stringify(r.body)))) throw new Error('summary: the API and the in-process computation disagree');
    }
    const details = { period: { from: options.from, to: options.to, territory }, runs: options.runs, devicesRegisteredInPeriod: last?.devices.registered };
    return [
      figure(`${id}.median`, `${label}: API median`, median(api), 'ms', { op: '<=', value: 200 }, { baseline: { label: 'same SQL in-process median', value: median(raw), unit: 'ms' }, details }),
      figure(`${id}.p95`, `${label}: API p95`, percentile(api, 95), 'ms', null, { baseline: { label: 'same SQL in-process p95', value: percentile(raw, 95), unit: 'ms' } }),
    ];
  } finally {
    await orm.close();
  }
}
