// End to end: the whole system as separate processes, driven by simulated charge points
// over real WebSockets (ocpp-rpc in strict mode) and read back through the REST API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, simulatedChargePoint } from '../src/simulator/index.ts';
import { projectionsCaughtUp } from './caught-up.ts';
import { api, eventually, startSystem, type RunningSystem } from './system.ts';

interface Transaction {
  transactionId: number; chargePointId: string; status: string; energyWh: number | null;
  meterValues?: unknown[];
}
interface Page<T> { items: T[]; total: number }

describe('the seed charging workflow end to end', () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  before(async () => {
    env = await startTestEnvironment();
    system = await startSystem(env, 24_100);
    const created = await api(system, 'POST', '/id-tags', { idTag: 'RFID-12345', status: 'Accepted' });
    assert.ok([200, 201, 202].includes(created.status), `POST /id-tags answered ${created.status}`);
  });
  after(async () => {
    await system?.shutdown();
    await env?.stop();
  });

  it('plays boot, authorize, start, meter values and stop, and the read models show the session', async () => {
    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'E2E-CP001' });
    await cp.connect();
    // The id tag may still be on its way into the processors' table.
    await eventually('id tag known to processors', async () =>
      (await cp.authorize('RFID-12345')).idTagInfo.status === 'Accepted' ? true : undefined);
    const result = await playSeedWorkflow(cp, { idTag: 'RFID-12345', meterStartWh: 1000, energyWh: 25_500, startAt: new Date('2025-01-15T10:05:00Z') });
    await cp.close();
    const boot = result.steps[0]!.response as { status: string; interval: number };
    assert.equal(boot.status, 'Accepted');
    assert.ok(Number.isInteger(result.transactionId) && result.transactionId > 0);

    const tx = await eventually('transaction completed in the read model', async () => {
      const { status, body } = await api<Transaction>(system, 'GET', `/transactions/${result.transactionId}`);
      return status === 200 && body.status === 'Completed' ? body : undefined;
    });
    assert.equal(tx.chargePointId, 'E2E-CP001');
    assert.equal(tx.energyWh, 25_500);
    assert.equal(tx.meterValues?.length, 6, 'three MeterValues of two samples each');

    const station = await eventually('charge point booted in the read model', async () => {
      const { status, body } = await api<{ vendor?: string }>(system, 'GET', '/charge-points/E2E-CP001');
      return status === 200 && body.vendor ? body : undefined;
    });
    assert.equal(station.vendor, 'CSMS-Simulator');
  });

  it('gives a resent StartTransaction the same transaction id and records one transaction', async () => {
    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'E2E-RESEND' });
    await cp.connect();
    const start = { connectorId: 2, idTag: 'RFID-12345', meterStart: 500, timestamp: '2025-02-01T08:00:00.000Z' };
    const first = await cp.startTransaction(start);
    const again = await cp.startTransaction(start); // ocpp-rpc gives the retry a new message id
    await cp.close();
    assert.equal(again.transactionId, first.transactionId);
    // Every event of both starts is folded before "exactly one" is asserted.
    await projectionsCaughtUp(env);
    const { body: page } = await api<Page<Transaction>>(system, 'GET', '/transactions?chargePointId=E2E-RESEND');
    assert.equal(page.total, 1);
    assert.equal(page.items[0]!.transactionId, first.transactionId);
  });

  it('takes the 1.6 security extension\'s station messages and shows what they reported through the API', async () => {
    const cp = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'E2E-SEC' });
    await cp.connect();
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n';
    assert.deepEqual(await cp.call('SecurityEventNotification', { type: 'SettingSystemTime', timestamp: '2025-01-15T10:00:00.000Z', techInfo: 'NTP' }), {});
    assert.deepEqual(await cp.call('SignCertificate', { csr }), { status: 'Rejected' }, 'no station CA is configured');
    assert.deepEqual(await cp.call('LogStatusNotification', { status: 'Uploaded', requestId: 5 }), {});
    assert.deepEqual(await cp.call('SignedFirmwareStatusNotification', { status: 'SignatureVerified', requestId: 6 }), {});
    await cp.close();

    type SecurityEvent = { type: string; eventType: string | null; stationTimestamp: string | null; reason: string | null };
    const events = await eventually('security events listed', async () => {
      const { body } = await api<Page<SecurityEvent>>(system, 'GET', '/charge-points/E2E-SEC/security-events');
      return body.total === 2 ? body : undefined;
    });
    const byType = new Map(events.items.map((e) => [e.type, e]));
    assert.equal(byType.get('SecurityEventReported')?.eventType, 'SettingSystemTime');
    assert.equal(byType.get('SecurityEventReported')?.stationTimestamp, '2025-01-15T10:00:00.000Z');
    assert.equal(byType.get('CertificateSigningRefused')?.reason, 'NO_CERTIFICATE_AUTHORITY');
    const station = await eventually('log upload shown', async () => {
      const { body } = await api<Record<string, unknown>>(system, 'GET', '/charge-points/E2E-SEC');
      return body.logStatus === 'Uploaded' && body.firmwareStatus === 'SignatureVerified' ? body : undefined;
    });
    assert.deepEqual([station.logStatusRequestId, station.firmwareRequestId], [5, 6]);
  });

  it('answers a frame that breaks the schema with the CALLERROR OCPP-J names', async () => {
    const ws = new WebSocket(`${system.ocppUrl}/E2E-BAD`, ['ocpp1.6']);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const reply = new Promise<unknown[]>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as unknown[])));
    ws.send(JSON.stringify([2, 'bad-1', 'StartTransaction', { connectorId: 'one', idTag: 'X', meterStart: 0, timestamp: '2025-01-01T00:00:00Z' }]));
    const [type, id, code] = await reply;
    ws.close();
    assert.deepEqual([type, id, code], [4, 'bad-1', 'TypeConstraintViolation']);
  });

  it('lets only authenticated operators in, each as far as their role goes', async () => {
    const anonymous = await api<{ error: { code: string } }>(system, 'GET', '/charge-points', undefined, null);
    assert.deepEqual([anonymous.status, anonymous.body.error.code], [401, 'UNAUTHENTICATED']);
    assert.equal((await api(system, 'GET', '/health', undefined, null)).status, 200, 'health stays public');
    const created = await api<{ key: string }>(system, 'POST', '/api-keys', { name: 'e2e viewer', role: 'viewer' });
    assert.equal(created.status, 201);
    assert.equal((await api(system, 'GET', '/transactions', undefined, created.body.key)).status, 200);
    const refused = await api<{ error: { code: string } }>(system, 'POST', '/id-tags', { idTag: 'E2E-NOPE' }, created.body.key);
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'FORBIDDEN']);
  });
});
