// buildApp with fakes at the I/O ports, for unit tests of what never reaches the database.
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Db } from '@csms/projections';
import type { AppOptions, ConfigWriter } from './app-options.ts';
import { buildApp } from './build-app.ts';

export const unreachableDb: Db = {
  query: () => Promise.reject(new Error('the database must not be reached in this test')),
};

export interface Written { topic: string; key: string; value: Buffer | null }

export async function testApp(overrides: Partial<AppOptions> = {}): Promise<{ app: FastifyInstance; written: Written[] }> {
  const written: Written[] = [];
  const writer: ConfigWriter = { write: async (record) => { written.push(record); } };
  const app = await buildApp({
    pool: unreachableDb, writer, logger: pino({ level: 'silent' }), clock: () => Date.parse('2025-01-15T10:00:00Z'),
    serde: { encode: async (_topic, value) => Buffer.from(JSON.stringify(value)) },
    checkKafka: async () => true,
    readYourWrites: { timeoutMs: 50, intervalMs: 10 },
    ...overrides,
  });
  return { app, written };
}
