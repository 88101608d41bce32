// `npm test`: the same set-up as `npm start` (the build, then Kafka and the schema registry, on
// ports of their own and with throwaway data), then the generated-code drift check, the
// dependency rule, the type check, and every unit and integration test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrlOn, dropDatabase } from '../src/databases.ts';
import { externalOrLocalStack, type LocalStack } from './stack/local-stack.ts';
import { buildServices, repoRoot } from './services.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const counts = { passed: 0, failed: 0, skipped: 0 };

/** Runs a command, echoing its output and tallying node:test's closing counts. */
function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  console.log(`\n=== ${title}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      process.stdout.write(text);
      for (const [, kind, n] of text.matchAll(/ℹ (pass|fail|cancelled|skipped) (\d+)/g)) {
        if (kind === 'pass') counts.passed += Number(n);
        // A test cancelled because its suite's set-up failed did not pass: count it failed.
        else if (kind === 'fail' || kind === 'cancelled') counts.failed += Number(n);
        else counts.skipped += Number(n);
      }
    });
    child.on('exit', (code) => resolve(code === 0));
  });
}

let stack: LocalStack | null = null;
const dataDir = mkdtempSync(join(tmpdir(), 'csms-test-'));
let ok = false;
try {
  // The end-to-end tests run the compiled services; a type error stops here, before Kafka starts.
  console.log('=== build');
  await buildServices();
  const registryDatabase = 'csms_registry_test';
  // Throwaway like the broker's data: schemas an earlier run registered would only pile up.
  if (!process.env.KAFKA_BROKERS) await dropDatabase(databaseUrlOn(databaseUrl, registryDatabase));
  stack = await externalOrLocalStack({ dataDir, kafkaPort: 19092, registryPort: 18081, databaseUrl, registryDatabase });
  const env = { KAFKA_BROKERS: stack.kafkaBrokers, SCHEMA_REGISTRY_URL: stack.registryUrl, DATABASE_URL: databaseUrl };
  const results = [
    await step('generated code is up to date', 'npm', ['run', 'check-generated', '-w', '@csms/contracts'], env),
    await step('dependency rule', 'npm', ['run', 'lint:deps'], env),
    await step('type check', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], env),
    await step('unit tests', 'npx', ['turbo', 'run', 'test:unit', '--continue', '--output-logs=full'], env),
    await step('integration tests', 'npx', ['turbo', 'run', 'test:int', '--concurrency=1', '--continue', '--output-logs=full'], env),
  ];
  ok = results.every(Boolean) && counts.failed === 0;
} catch (error) {
  console.error(error);
} finally {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);
