// `npm run api-key -- create --role <role> --name <name> | list | revoke <id>`: the commands,
// given the keys as read from the api-keys topic and a way to write one record. The token of a
// new key is printed once; nothing prints a hash.
import { parseArgs } from 'node:util';
import type { ApiKey } from '@csms/contracts';
import {
  apiKeyView, isLastActiveAdmin, newApiKey, revokedKey, type ApiKeyDirectory,
} from '../src/auth/api-keys.ts';
import { isApiRole } from '../src/auth/roles.ts';

const USAGE = `usage: npm run api-key -- create --role viewer|operator|admin --name <name>
       npm run api-key -- list
       npm run api-key -- revoke <id>`;

export interface CliDeps {
  readonly keys: ApiKeyDirectory;
  readonly write: (key: ApiKey) => Promise<void>;
  readonly now: () => number;
  /** Recorded as createdBy: cli:<OS user>. */
  readonly user: string;
  readonly print: (line: string) => void;
}

/** A failure to report to the operator with exit code 1 (2: usage). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

type CliCommand =
  | { readonly kind: 'create'; readonly role: ApiKey['role']; readonly name: string }
  | { readonly kind: 'list' }
  | { readonly kind: 'revoke'; readonly id: string };

export function parseCommand(argv: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...argv], allowPositionals: true, strict: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [verb, id, ...rest] = positionals;
  if (verb === 'list' && id === undefined) return { kind: 'list' };
  if (verb === 'revoke' && id !== undefined && rest.length === 0) return { kind: 'revoke', id };
  if (verb === 'create' && id === undefined && isApiRole(values.role) && values.name !== undefined && values.name.trim() !== '') {
    return { kind: 'create', role: values.role, name: values.name.trim() };
  }
  throw new CliError(USAGE, 2);
}

function line(key: ApiKey): string {
  const view = apiKeyView(key);
  return [view.id, view.role.padEnd(8), view.createdAt, view.revokedAt === null ? 'active ' : `revoked ${view.revokedAt}`, view.name].join('  ');
}

export async function runCommand(command: CliCommand, deps: CliDeps): Promise<void> {
  switch (command.kind) {
    case 'create': {
      const { record, token } = newApiKey({ name: command.name, role: command.role, createdBy: `cli:${deps.user}`, createdAt: deps.now() });
      await deps.write(record);
      deps.print(`created ${command.role} key ${record.id} (${command.name}); its token, shown this once:\n${token}`);
      return;
    }
    case 'list':
      for (const key of deps.keys.list()) deps.print(line(key));
      return;
    case 'revoke': {
      const key = deps.keys.byId(command.id);
      if (key === undefined) throw new CliError(`no API key ${command.id}`);
      if (key.revokedAt !== null) return deps.print(`${key.id} was already revoked`);
      if (isLastActiveAdmin(deps.keys, key)) throw new CliError(`${key.id} is the last active admin key; create another first`);
      await deps.write(revokedKey(key, deps.now()));
      deps.print(`revoked ${key.id}`);
      return;
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
