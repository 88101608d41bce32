// The real ports of a re-drive request (redrive-request.ts): the dead_letters read model, the
// re-drive the command line runs, and csms.dead-letter for a failure.
import { topicName, type Serde } from '@csms/contracts';
import { inTransaction, type MessageSender, type Pool } from '@csms/infra';
import { openDeadLetters } from '../dead-letters/queries.ts';
import { redriveLetter } from './redrive-letter.ts';
import type { RedriveRequestPorts } from './redrive-request.ts';
import { findProjection } from './registry.ts';

export interface RedriveRequestDeps {
  readonly pool: Pool;
  /** For the re-drive itself and for DeadLetterRedriveFailed records. */
  readonly sender: MessageSender;
  readonly serde: Pick<Serde, 'decode' | 'encode'>;
  readonly topicPrefix: string;
  readonly clock: () => number;
}

export function redriveRequestPorts(deps: RedriveRequestDeps): RedriveRequestPorts {
  const { pool, serde, topicPrefix, clock } = deps;
  return {
    openLetter: async (id) => (await openDeadLetters(pool, { ids: [id] }))[0],
    redrive: (letter, by) => redriveLetter({
      transaction: (work) => inTransaction(pool, work), producer: deps.sender, serde, topicPrefix, findProjection, by, clock,
    }, letter),
    recordFailure: async (failed) => {
      await deps.sender.send([{ topic: topicName('deadLetter', topicPrefix), key: failed.deadLetterId, value: await serde.encode('deadLetter', failed) }]);
    },
    clock, transientAttempts: 3, retryDelayMs: 1_000,
  };
}
