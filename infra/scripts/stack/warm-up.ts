// A brand-new broker creates __consumer_offsets and __transaction_state on first use, and
// while it does, group and transaction coordinators answer "not available". kafkajs
// retries, but a consumer that joined during that window can end up outside its group
// for good. Using both coordinators once, before any service starts, keeps a first
// `npm start` from meeting that window.
import { Kafka, logLevel } from 'kafkajs';

const warmUpTopic = '__csms_warm_up';

export async function warmUpBroker(broker: string): Promise<void> {
  // Bounded retries, and every client disconnected even when a step fails: a client left behind
  // would go on reconnecting to a broker that was stopped, and keep its process from exiting.
  const kafka = new Kafka({ brokers: [broker], clientId: 'csms-warm-up', logLevel: logLevel.NOTHING,
    retry: { retries: 20, initialRetryTime: 200, maxRetryTime: 5_000 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: warmUpTopic, numPartitions: 1, replicationFactor: 1 }] });
    // Looking a group up makes the broker create __consumer_offsets and answers once its
    // coordinator has loaded: what a consumer's join needs, without a consumer, whose own
    // restarts after a failure outlive any disconnect.
    await admin.describeGroups(['csms-warm-up']);
  } finally {
    await admin.disconnect();
  }

  const producer = kafka.producer({ transactionalId: 'csms-warm-up', idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const transaction = await producer.transaction();
    await transaction.send({ topic: warmUpTopic, messages: [{ value: 'warm' }] });
    await transaction.commit();
  } finally {
    await producer.disconnect();
  }
}
