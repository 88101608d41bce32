// A brand-new broker creates __consumer_offsets and __transaction_state on first use, and
// while it does, group and transaction coordinators answer "not available". kafkajs
// retries, but a consumer that joined during that window can end up outside its group
// for good. Using both coordinators once, before any service starts, keeps a first
// `npm start` from meeting that window.
import { Kafka, logLevel } from 'kafkajs';

const warmUpTopic = '__csms_warm_up';

export async function warmUpBroker(broker: string): Promise<void> {
  const kafka = new Kafka({ brokers: [broker], clientId: 'csms-warm-up', logLevel: logLevel.NOTHING,
    retry: { retries: 20, initialRetryTime: 200 } });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: warmUpTopic, numPartitions: 1, replicationFactor: 1 }] });
  await admin.disconnect();

  const producer = kafka.producer({ transactionalId: 'csms-warm-up', idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const transaction = await producer.transaction();
  await transaction.send({ topic: warmUpTopic, messages: [{ value: 'warm' }] });
  await transaction.commit();
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: 'csms-warm-up' });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic: warmUpTopic, fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  await joined;
  await consumer.disconnect();
}
