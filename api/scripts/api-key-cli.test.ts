import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiKey } from '@csms/contracts';
import { apiKeyDirectory, sha256Hex } from '../src/auth/api-keys.ts';
import { CliError, parseCommand, runCommand, type CliDeps } from './api-key-cli.ts';

const T0 = Date.parse('2025-01-15T10:00:00Z');

function deps(): CliDeps & { written: ApiKey[]; lines: string[] } {
  const keys = apiKeyDirectory();
  const written: ApiKey[] = [];
  const lines: string[] = [];
  let now = T0 - 1_000;
  return {
    keys, written, lines, now: () => (now += 1_000), user: 'alice', print: (line) => lines.push(line),
    write: async (key) => { written.push(key); keys.apply(key.id, key); },
  };
}

test('arguments: create needs a role and a name, revoke an id; anything else is usage (exit 2)', () => {
  assert.deepEqual(parseCommand(['create', '--role', 'operator', '--name', 'ops-team']), { kind: 'create', role: 'operator', name: 'ops-team' });
  assert.deepEqual(parseCommand(['list']), { kind: 'list' });
  assert.deepEqual(parseCommand(['revoke', 'abc']), { kind: 'revoke', id: 'abc' });
  for (const argv of [[], ['create', '--role', 'root', '--name', 'x'], ['create', '--role', 'viewer'], ['revoke'], ['list', 'x'], ['drop']]) {
    assert.throws(() => parseCommand(argv), (error: unknown) => error instanceof CliError && error.exitCode === 2, argv.join(' '));
  }
});

test('create prints the token once and writes only its hash; list shows no hash; revoke writes revokedAt', async () => {
  const cli = deps();
  await runCommand({ kind: 'create', role: 'admin', name: 'first' }, cli);
  await runCommand({ kind: 'create', role: 'viewer', name: 'dashboards' }, cli);
  const [admin, viewer] = cli.written;
  const token = /\n(csms_\S+)$/.exec(cli.lines[1]!)?.[1];
  assert.ok(token !== undefined);
  assert.equal(viewer!.secretSha256, sha256Hex(token));
  assert.deepEqual([viewer!.role, viewer!.createdBy, viewer!.createdAt], ['viewer', 'cli:alice', T0 + 1_000]);

  cli.lines.length = 0;
  await runCommand({ kind: 'list' }, cli);
  assert.equal(cli.lines.length, 2);
  assert.ok(cli.lines.every((line) => !line.includes(viewer!.secretSha256) && !line.includes(admin!.secretSha256)));
  assert.match(cli.lines[1]!, /viewer .*active .*dashboards/);

  await runCommand({ kind: 'revoke', id: viewer!.id }, cli);
  assert.equal(cli.written[2]!.revokedAt, T0 + 2_000);
  await assert.rejects(runCommand({ kind: 'revoke', id: admin!.id }, cli), /last active admin key/);
  await assert.rejects(runCommand({ kind: 'revoke', id: 'nope' }, cli), /no API key nope/);
  assert.equal(cli.written.length, 3);
});
