// Reads one histogram out of Prometheus's text exposition format (what prom-client serves at
// /metrics): its `_bucket`, `_count` and `_sum` lines, added up over every series whose labels
// include the wanted ones (a stage over all projections, say). Pure.
import { EMPTY_HISTOGRAM, type HistogramSnapshot } from './histogram-delta.ts';

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [, name, value] of (text ?? '').matchAll(LABEL)) labels.set(name!, value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)));
  return labels;
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  return Number(text);
}

/** The histogram `name` summed over the series carrying `labels`; empty if there is none. */
export function histogramFrom(exposition: string, name: string, labels: Readonly<Record<string, string>>): HistogramSnapshot {
  const buckets = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = LINE.exec(line);
    if (match === null) continue;
    const [, metric, labelText, valueText] = match;
    const found = labelsOf(labelText);
    if (!Object.entries(labels).every(([k, v]) => found.get(k) === v)) continue;
    const value = Number(valueText);
    if (metric === `${name}_bucket`) {
      const le = parseValue(found.get('le') ?? '');
      buckets.set(le, (buckets.get(le) ?? 0) + value);
    } else if (metric === `${name}_count`) count += value;
    else if (metric === `${name}_sum`) sum += value;
  }
  if (buckets.size === 0 && count === 0) return EMPTY_HISTOGRAM;
  const sorted = [...buckets.entries()].sort(([a], [b]) => a - b).map(([le, n]) => ({ le, count: n }));
  return { buckets: sorted, count, sum };
}
