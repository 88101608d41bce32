// The probes against the real Kafka, schema registry and PostgreSQL, and against ports where
// nothing listens: each says up or down within its timeout.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { kafkaProbe, postgresProbe, registryProbe, watchDependencies, type DependencyHealth } from './dependency-health.ts';
import { createPool } from './postgres.ts';
import { startTestEnvironment, type TestEnvironment } from './test-env.ts';

/** A loopback port that was free a moment ago: nothing answers there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits for the first answer of every probe (each ends within its timeout). */
async function firstAnswers(health: DependencyHealth): Promise<Record<string, string>> {
  while (Object.values(health.states()).includes('unknown')) await new Promise((resolve) => setTimeout(resolve, 50));
  return health.states();
}

describe('dependency probes', () => {
  let env: TestEnvironment;
  before(async () => { env = await startTestEnvironment(); });
  after(async () => { await env?.stop(); });

  it('find the running Kafka, registry and PostgreSQL up', async () => {
    const pool = createPool(env.databaseUrl, 1);
    const health = watchDependencies([kafkaProbe(env.kafkaBrokers, 'probe-int'), registryProbe(env.registryUrl), postgresProbe(pool)]);
    try {
      assert.deepEqual(await firstAnswers(health), { kafka: 'up', 'schema-registry': 'up', postgres: 'up' });
      assert.deepEqual(health.unreachable(), []);
    } finally {
      await health.stop();
      await pool.end();
    }
  });

  it('find a registry up however long it takes to list its subjects', async () => {
    // A registry holding thousands of subjects lists them in seconds; its configuration it
    // reads at once. Stood in for by a server that never finishes the list.
    const registry = createHttpServer((request, response) => {
      if (request.url?.endsWith('/config')) response.setHeader('content-type', 'application/json').end('{"compatibilityLevel":"BACKWARD"}');
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const { port } = registry.address() as AddressInfo;
    const health = watchDependencies([registryProbe(`http://127.0.0.1:${port}/apis/ccompat/v7`, 500)], { timeoutMs: 1_000 });
    try {
      assert.deepEqual(await firstAnswers(health), { 'schema-registry': 'up' });
    } finally {
      await health.stop();
      registry.closeAllConnections();
      await new Promise<void>((resolve) => registry.close(() => resolve()));
    }
  });

  it('name each one that does not answer', async () => {
    const port = await closedPort();
    const pool = createPool(`postgres://postgres@127.0.0.1:${port}/postgres`, 1);
    const health = watchDependencies([
      kafkaProbe([`127.0.0.1:${port}`], 'probe-int'), registryProbe(`http://127.0.0.1:${port}/apis/ccompat/v7`), postgresProbe(pool),
    ]);
    try {
      assert.deepEqual(await firstAnswers(health), { kafka: 'down', 'schema-registry': 'down', postgres: 'down' });
      assert.deepEqual(health.unreachable().sort(), ['kafka', 'postgres', 'schema-registry']);
    } finally {
      await health.stop();
      await pool.end();
    }
  });
});
