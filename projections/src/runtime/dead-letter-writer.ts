// Writes the dead letters of a batch to csms.dead-letter, before the batch's database
// transaction commits: once the stored offset has moved past a record, its dead letter exists.
// A crash in between writes it again under the same id, which the dead-letters read model
// takes as one.
import { topicName, type DeadLetter, type Serde } from '@csms/contracts';
import { encodeDeadLetter, type MessageSender } from '@csms/infra';

export interface DeadLetterSink {
  write(letters: readonly DeadLetter[]): Promise<void>;
}

export function deadLetterWriter(producer: MessageSender, serde: Pick<Serde, 'encode'>, topicPrefix: string): DeadLetterSink {
  return {
    async write(letters) {
      if (letters.length === 0) return;
      const messages = await Promise.all(letters.map((letter) => encodeDeadLetter(serde, letter)));
      // One request per letter: several large ones together could exceed what a request may hold.
      for (const message of messages) {
        await producer.send([{ topic: topicName('deadLetter', topicPrefix), ...message }]);
      }
    },
  };
}
