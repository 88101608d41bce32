// How values read on screen: one place, so every table shows times, energy and money alike.

const MISSING = '—';

/** "2025-01-10 08:00:00" in the browser's time zone, or a dash. */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return MISSING;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatKwh(wh: number | null | undefined): string {
  if (wh === null || wh === undefined) return MISSING;
  return `${(wh / 1000).toFixed(3)} kWh`;
}

/** Money held in the currency's minor unit (ISO 4217 exponent: EUR 2, JPY 0). */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return MISSING;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s).padStart(2, '0')}s`;
}

export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? MISSING : String(value);
}

/** "2 (min 1)": the profile the connection proved, and the least the station is registered with. */
export function securityProfiles(proven: number | null, required: number | null): string {
  return required === null ? orDash(proven) : `${orDash(proven)} (min ${required})`;
}

/** "ABB Terra AC", "ABB", or a dash. */
export function vendorModel(vendor: string | null, model: string | null): string {
  return [vendor, model].filter((part) => part !== null && part !== '').join(' ') || MISSING;
}

export type Tone = 'good' | 'busy' | 'warn' | 'bad' | 'neutral';

const TONES: Record<string, Tone> = {
  connected: 'good', Available: 'good', Accepted: 'good', Active: 'busy', open: 'warn', redriven: 'neutral',
  Charging: 'busy', Occupied: 'busy', Preparing: 'busy', Finishing: 'busy', Reserved: 'busy', SuspendedEV: 'busy', SuspendedEVSE: 'busy',
  Requested: 'neutral', Sent: 'busy', Completed: 'neutral', Final: 'good', Provisional: 'warn', Correction: 'warn',
  disconnected: 'bad', Unavailable: 'warn', Faulted: 'bad', Rejected: 'bad', Failed: 'bad', TimedOut: 'warn', NotConnected: 'warn',
  Blocked: 'bad', Expired: 'warn', Invalid: 'bad', Cancelled: 'neutral', Used: 'neutral',
};

/** The colour family of a status badge. */
export function toneOf(status: string): Tone {
  return TONES[status] ?? 'neutral';
}
