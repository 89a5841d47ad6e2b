/** One measured figure, next to its target and its raw baseline. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  /** null: measured for information, no target. */
  target: { op: '<=' | '>='; value: number } | null;
  pass: boolean | null;
  baseline?: { label: string; value: number; unit: string };
  details?: Record<string, unknown>;
}

export function figure(id: string, label: string, value: number, unit: string, target: Figure['target'], extra: Pick<Figure, 'baseline' | 'details'> = {}): Figure {
  const pass = target === null ? null : target.op === '<=' ? value <= target.value : value >= target.value;
  return { id, label, value: round(value), unit, target, pass, ...extra, ...(extra.baseline ? { baseline: { ...extra.baseline, value: round(extra.baseline.value) } } : {}) };
}

export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return Number(value.toFixed(digits));
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: number[]) => percentile(values, 50);

const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
const padLeft = (text: string, width: number) => text.padStart(width);

/** The summary table printed at the end of a run. */
export function table(figures: Figure[]): string {
  const lines = [
    `${pad('figure', 58)} ${padLeft('measured', 14)} ${padLeft('target', 14)} ${pad(' result', 8)} ${pad('raw baseline (same run)', 40)}`,
    '-'.repeat(138),
  ];
  for (const item of figures) {
    const measured = `${item.value} ${item.unit}`;
    const target = item.target ? `${item.target.op === '<=' ? '≤' : '≥'} ${item.target.value} ${item.unit}` : '—';
    const result = item.pass === null ? ' info' : item.pass ? ' PASS' : ' FAIL';
    const baseline = item.baseline ? `${item.baseline.label}: ${item.baseline.value} ${item.baseline.unit}` : '';
    lines.push(`${pad(item.label, 58)} ${padLeft(measured, 14)} ${padLeft(target, 14)} ${pad(result, 8)} ${pad(baseline, 40)}`);
  }
  return lines.join('\n');
}
