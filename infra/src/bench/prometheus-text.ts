// Prometheus's text exposition format (what prom-client serves at /metrics), read line by line
// into samples: a metric name, its labels and its value. Comments (# HELP, # TYPE) are skipped.
// Pure.

export interface Sample {
  readonly metric: string;
  readonly labels: ReadonlyMap<string, string>;
  readonly value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [, name, value] of (text ?? '').matchAll(LABEL)) labels.set(name!, value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)));
  return labels;
}

/** The samples whose metric name starts with `prefix`: a histogram's `_bucket`, `_sum` and `_count` lines, say. */
export function samplesOf(exposition: string, prefix: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const match = LINE.exec(line);
    if (match === null) continue;
    const [, metric, labelText, valueText] = match;
    samples.push({ metric: metric!, labels: labelsOf(labelText), value: Number(valueText) });
  }
  return samples;
}

/** A gauge's value (process_resident_memory_bytes, say), summed over its series; null when the exposition has none. */
export function gaugeFrom(exposition: string, name: string): number | null {
  const series = samplesOf(exposition, name).filter((s) => s.metric === name);
  return series.length === 0 ? null : series.reduce((total, s) => total + s.value, 0);
}
