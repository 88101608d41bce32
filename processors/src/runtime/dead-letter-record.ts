// A dead letter as a message of the batch's transaction.
import type { DeadLetter, Serde } from '@csms/contracts';
import { encodeDeadLetter as encodeLetter } from '@csms/infra';
import type { EncodedMessage } from './batch-outputs.ts';

export async function encodeDeadLetter(serde: Serde, letter: DeadLetter): Promise<EncodedMessage> {
  return { topic: 'deadLetter', ...(await encodeLetter(serde, letter)) };
}
