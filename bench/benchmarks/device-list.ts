import pg from 'pg';
import type { AppProcess } from '../lib/app-process.js';
import { figure, median, percentile, type Figure } from '../lib/report.js';

/**
 * The devices list as the back office asks for it: status filter + free-text search + sort +
 * page of 25 + total (react-admin's Content-Range). Through the real HTTP API (authenticated as a
 * technician), against the same two SQL statements sent through `pg` directly, the way the API
 * sends them (page and count at the same time, on two connections).
 */
const FILTER = { status: 'handed_over', q: 'latitude' };
const SEARCH = `(coalesce(d.asset_tag, '') || ' ' || coalesce(d.serial_number, '') || ' ' || coalesce(d.inventory_number, '') || ' ' || coalesce(d.model, ''))`;
const PAGE_SQL = `select "d".* from "devices" as "d" where (${SEARCH} ilike $1) and "d"."status" in ($2) order by "d"."created_at" desc, "d"."id" desc limit $3`;
const COUNT_SQL = `select count(*) as "count" from "devices" as "d" where (${SEARCH} ilike $1) and "d"."status" in ($2)`;

export async function deviceListBenchmark(app: AppProcess, databaseUrl: string, options: { requests: number }): Promise<Figure[]> {
  const token = await app.token('it_staff');
  const url = `${app.baseUrl}/api/devices?${new URLSearchParams({ filter: JSON.stringify(FILTER), sort: '["createdAt","DESC"]', range: '[0,24]' })}`;
  const apiOnce = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as unknown[];
    const elapsed = performance.now() - started;
    if (response.status !== 200 || body.length !== 25) throw new Error(`device list: ${response.status}, ${body.length} rows`);
    return { elapsed, total: Number(response.headers.get('content-range')?.split('/')[1]) };
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const rawOnce = async () => {
    const started = performance.now();
    const [page, count] = await Promise.all([pool.query(PAGE_SQL, ['%latitude%', 'handed_over', 25]), pool.query(COUNT_SQL, ['%latitude%', 'handed_over'])]);
    const elapsed = performance.now() - started;
    if (page.rows.length !== 25) throw new Error('raw device list: not 25 rows');
    return { elapsed, total: Number(count.rows[0].count) };
  };
  try {
    // warm both paths (connections, plans, caches), then alternate them so that noise hits both alike
    for (let i = 0; i < 20; i++) {
      await apiOnce();
      await rawOnce();
    }
    const api: number[] = [];
    const raw: number[] = [];
    let totals = new Set<number>();
    for (let i = 0; i < options.requests; i++) {
      const a = await apiOnce();
      const r = await rawOnce();
      api.push(a.elapsed);
      raw.push(r.elapsed);
      totals = new Set([...totals, a.total, r.total]);
    }
    if (totals.size !== 1) throw new Error(`device list: API and SQL totals differ (${[...totals].join(', ')})`);
    const details = { filter: FILTER, sort: 'createdAt DESC', page: 25, total: [...totals][0], requests: options.requests };
    // a deep page of the whole list (offset 50,000): is offset pagination still fast enough?
    const deepUrl = `${app.baseUrl}/api/devices?${new URLSearchParams({ sort: '["createdAt","DESC"]', range: '[50000,50024]' })}`;
    const deep: number[] = [];
    for (let i = 0; i < 25; i++) {
      const started = performance.now();
      const response = await fetch(deepUrl, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as unknown[];
      if (response.status !== 200 || body.length !== 25) throw new Error(`deep page: ${response.status}`);
      if (i >= 5) deep.push(performance.now() - started);
    }
    const rawMedian = median(raw);
    const rawP95 = percentile(raw, 95);
    return [
      figure('deviceList.medianRatio', 'Device list: API median ÷ raw SQL median', median(api) / rawMedian, '×', { op: '<=', value: 3 }, { baseline: { label: 'raw SQL median', value: rawMedian, unit: 'ms' }, details }),
      figure('deviceList.median', 'Device list: API median', median(api), 'ms', null, { baseline: { label: 'raw SQL median', value: rawMedian, unit: 'ms' } }),
      figure('deviceList.p95', 'Device list: API p95', percentile(api, 95), 'ms', { op: '<=', value: 50 }, { baseline: { label: 'raw SQL p95', value: rawP95, unit: 'ms' } }),
      figure('deviceList.deepPage', 'Device list: page 2,001 of the whole list (offset 50,000), median', median(deep), 'ms', null),
    ];
  } finally {
    await pool.end();
  }
}
