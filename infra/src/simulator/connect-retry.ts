// Connecting as real chargers do when a CSMS sheds load: an upgrade refused with HTTP 429
// (RFC 6585 §4) is tried again after its Retry-After plus a random share of an exponential
// backoff (so a fleet does not retry in step), a bounded number of times. Any other refusal
// is final.
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';

export class UpgradeRefusedError extends Error {
  readonly code = 'UPGRADE_REFUSED';
  constructor(readonly status: number, readonly retryAfterSeconds: number | null) {
    super(`HTTP ${status}`);
  }

  get retriable(): boolean {
    return this.status === 429;
  }
}

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/** Retry-After in seconds (RFC 9110 §10.2.3); an HTTP date is not worth parsing here. */
function retryAfterOf(headers: IncomingMessage['headers']): number | null {
  const value = Number(headers['retry-after']);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

function refusalOf(response: IncomingMessage): UpgradeRefusedError {
  return new UpgradeRefusedError(response.statusCode ?? 0, retryAfterOf(response.headers));
}

export async function connectWithRetry<T>(connect: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 10;
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 10_000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await connect();
    } catch (error) {
      if (!(error instanceof UpgradeRefusedError) || !error.retriable || attempt >= attempts) throw error;
      const backoff = Math.min(max, base * 2 ** (attempt - 1));
      await sleep((error.retryAfterSeconds ?? 0) * 1000 + Math.random() * backoff);
    }
  }
}

/** A raw OCPP-J WebSocket, open; a refused upgrade rejects with UpgradeRefusedError. `options`: headers, TLS. */
export function openOcppSocket(url: string, protocols: readonly string[] = ['ocpp1.6'], options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [...protocols], options);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => {
      reject(refusalOf(response));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
