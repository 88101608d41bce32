import { toneOf } from '../format.ts';

/** A status coloured by what it means (good, busy, warn, bad). */
export function Badge({ text, testId }: { text: string; testId?: string }) {
  return <span class={`badge badge-${toneOf(text)}`} data-testid={testId}>{text}</span>;
}
