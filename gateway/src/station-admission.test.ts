// Station authentication through the whole app in memory: refusals answered before the
// upgrade with their status and recorded once on csms.security with nothing on ocpp.inbound,
// the per-address lockout, readiness, duplicate identities, and sealed secrets on the way out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SecurityRecord, StationAuthenticationRefused } from '@csms/contracts';
import {
  ackAll, heldHashes, messages, ocpp16, peer, refusedUpgrade, sealer, setupInMemoryGateway as setup, tick, undelivered, until,
  type HttpAnswer,
} from './test-gateway.ts';

const PASSWORD = 'a-station-password-1';

function basic(username: string, password: string): Record<string, string> {
  return { 'sec-websocket-protocol': 'ocpp1.6', authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

function refusals(records: SecurityRecord[]): string[] {
  return records.flatMap((r) => (r.type === 'StationAuthenticationRefused'
    ? [`${r.chargePointId}:${r.reason}:${r.presentedProfile}:${r.requiredProfile}`] : []));
}

describe('station admission (in memory)', () => {
  it('refuses a profile-1 station without credentials with 401 and a Basic challenge, recording only that', async () => {
    const { app, held, security, stationAuth } = await setup();
    await stationAuth.register('CP-A1', 1, PASSWORD);
    await assert.rejects(app.injectWS('/ocpp/CP-A1', ocpp16), /401/);
    // The same answer, seen as HTTP (the gate runs before any upgrade).
    const answer = await refusedUpgrade(app, '/ocpp/CP-A1', ocpp16.headers);
    assert.deepEqual([answer.status, answer.headers['www-authenticate'], answer.body.error?.code],
      [401, 'Basic realm="OCPP"', 'STATION_UNAUTHORIZED']);
    assert.deepEqual(refusals(security.records), ['CP-A1:CREDENTIALS_REQUIRED:0:1', 'CP-A1:CREDENTIALS_REQUIRED:0:1']);
    const record = security.records[0] as StationAuthenticationRefused;
    assert.deepEqual([record.node, record.remoteAddress, record.detail], [3, null, null]);
    assert.deepEqual(held, [], 'no Connected, no frame');
    await app.close();
  });

  it('admits the right password, and refuses a wrong one or another username without telling which', async () => {
    const { app, held, security, stationAuth } = await setup();
    await stationAuth.register('CP-A2', 1, PASSWORD);
    await assert.rejects(app.injectWS('/ocpp/CP-A2', { headers: basic('CP-A2', 'not-the-password-1') }), /401/);
    await assert.rejects(app.injectWS('/ocpp/CP-A2', { headers: basic('CP-OTHER', PASSWORD) }), /401/);
    assert.deepEqual(refusals(security.records), ['CP-A2:WRONG_PASSWORD:1:1', 'CP-A2:USERNAME_MISMATCH:1:1']);
    const ws = await app.injectWS('/ocpp/CP-A2', { headers: basic('CP-A2', PASSWORD) });
    await tick();
    assert.deepEqual(held.map((h) => h.record.type), ['Connected']);
    assert.equal(security.records.length, 2, 'an admission records nothing on csms.security');
    ws.terminate();
    await app.close();
  });

  it('refuses a downgrade with 403 without checking the password, and admits more than configured', async () => {
    const { app, security, stationAuth, metrics } = await setup();
    await stationAuth.register('CP-A3', 2, PASSWORD);
    const answer = await refusedUpgrade(app, '/ocpp/CP-A3', basic('CP-A3', PASSWORD));
    assert.deepEqual([answer.status, answer.body.error?.code, answer.headers['www-authenticate']], [403, 'DOWNGRADE', undefined]);
    assert.deepEqual(refusals(security.records), ['CP-A3:DOWNGRADE:1:2']);
    assert.equal((await metrics.passwordChecks.get()).values.length, 0, 'no hash computed for a downgrade');
    await stationAuth.register('CP-A4', 0, PASSWORD);
    const ws = await app.injectWS('/ocpp/CP-A4', { headers: basic('CP-A4', PASSWORD) });
    assert.equal((await metrics.stationsAdmitted.get()).values.find((v) => v.labels.profile === 1)?.value, 1);
    ws.terminate();
    await app.close();
  });

  it('refuses unknown identities under the reject policy', async () => {
    const { app, security } = await setup({ policy: { unknownStations: 'reject', minimumProfile: 0 } });
    await assert.rejects(app.injectWS('/ocpp/CP-NOBODY', ocpp16), /401/);
    assert.deepEqual(refusals(security.records), ['CP-NOBODY:UNKNOWN_STATION:0:null']);
    await app.close();
  });

  it('locks an address out after 5 failures: 429 with Retry-After, counted but not recorded, even for the right password', async () => {
    const { app, security, stationAuth, metrics } = await setup();
    await stationAuth.register('CP-A5', 1, PASSWORD);
    // refusedUpgrade() comes from 127.0.0.1; injectWS() has no address at all: two different clients.
    const attempt = (password: string) => refusedUpgrade(app, '/ocpp/CP-A5', basic('CP-A5', password));
    for (let i = 0; i < 5; i += 1) assert.equal((await attempt(`wrong-password-${i}0000`)).status, 401);
    const locked = await attempt(PASSWORD);
    assert.deepEqual([locked.status, locked.headers['retry-after'], locked.body.error?.code], [429, '60', 'TOO_MANY_FAILED_AUTHENTICATIONS']);
    assert.equal((await attempt(PASSWORD)).status, 429);
    assert.equal(security.records.length, 5);
    assert.equal((await metrics.authLockedOut.get()).values[0]?.value, 2);
    const elsewhere = await app.injectWS('/ocpp/CP-A5', { headers: basic('CP-A5', PASSWORD) });
    elsewhere.terminate();
    // Another station behind the same address (a NAT) is not locked out with it.
    await stationAuth.register('CP-A8', 1, PASSWORD);
    const neighbour = await app.injectWS('/ocpp/CP-A8', { headers: basic('CP-A8', PASSWORD), socket: peer('127.0.0.1') });
    neighbour.terminate();
    await app.close();
  });

  it('lets no more password checks run at once than the lockout allows: the rest are answered 429 at once', async () => {
    const hashes = heldHashes();
    const { app, stationAuth } = await setup({ verify: hashes.verify, hashSlots: { concurrency: 10, maxQueued: 0 } });
    await stationAuth.register('CP-A9', 1, PASSWORD);
    const answered: string[] = [];
    const attempts = Array.from({ length: 10 }, (_, i) => refusedUpgrade(app, '/ocpp/CP-A9', basic('CP-A9', `wrong-password-${i}0000`))
      .then((answer: HttpAnswer) => { answered.push(`${answer.status} ${answer.body.error?.code}`); return answer.status; }));
    await until('five attempts answered', () => answered.length === 5);
    assert.deepEqual([new Set(answered), hashes.waiting.length], [new Set(['429 TOO_MANY_AUTHENTICATIONS_IN_PROGRESS']), 5], 'five checks running, five turned away');
    await hashes.releaseAll();
    assert.deepEqual((await Promise.all(attempts)).sort(), [401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    assert.equal((await refusedUpgrade(app, '/ocpp/CP-A9', basic('CP-A9', PASSWORD))).status, 429, 'and the five failures lock it out');
    assert.equal(hashes.started(), 5, 'five hashes in all');
    await app.close();
  });

  it('answers 503 AUTHENTICATION_BUSY past the hash slots and their queue, counting no failure', async () => {
    const hashes = heldHashes();
    const { app, stationAuth, metrics, security } = await setup({ verify: hashes.verify, hashSlots: { concurrency: 1, maxQueued: 0 } });
    await stationAuth.register('CP-B1', 1, PASSWORD);
    await stationAuth.register('CP-B2', 1, PASSWORD);
    const first = app.injectWS('/ocpp/CP-B1', { headers: basic('CP-B1', PASSWORD) });
    await until('the first hash running', () => hashes.waiting.length === 1);
    const busy = await refusedUpgrade(app, '/ocpp/CP-B2', basic('CP-B2', PASSWORD), '192.0.2.1');
    assert.deepEqual([busy.status, busy.headers['retry-after'], busy.body.error?.code], [503, '5', 'AUTHENTICATION_BUSY']);
    assert.equal((await metrics.authBusy.get()).values[0]?.value, 1);
    await hashes.releaseAll();
    (await first).terminate();
    assert.deepEqual(security.records, [], 'busy is no refusal of the station');
    await app.close();
  });

  it('refuses a password no station can have without hashing it, as a wrong password', async () => {
    const { app, security, stationAuth, metrics } = await setup();
    await stationAuth.register('CP-B3', 1, PASSWORD);
    assert.equal((await refusedUpgrade(app, '/ocpp/CP-B3', basic('CP-B3', 'short'))).status, 401);
    assert.deepEqual(refusals(security.records), ['CP-B3:WRONG_PASSWORD:1:1']);
    assert.equal((await metrics.passwordChecks.get()).values.length, 0);
    await app.close();
  });

  it('answers a request that is no WebSocket upgrade 426 before anything else: no hash, no lockout, no record', async () => {
    const { app, held, security, stationAuth, metrics } = await setup();
    await stationAuth.register('CP-A7', 1, PASSWORD);
    for (let i = 0; i < 10; i += 1) {
      const plain = await app.inject({ method: 'GET', url: '/ocpp/CP-A7', headers: basic('CP-A7', `wrong-password-${i}0000`) });
      assert.deepEqual([plain.statusCode, plain.headers.upgrade, plain.json().error.code], [426, 'websocket', 'UPGRADE_REQUIRED']);
    }
    const head = await app.inject({ method: 'HEAD', url: '/ocpp/CP-A7', headers: basic('CP-A7', PASSWORD) });
    assert.deepEqual([head.statusCode, head.headers.upgrade], [426, 'websocket']);
    assert.deepEqual(security.records, []);
    assert.equal((await metrics.passwordChecks.get()).values.length, 0, 'no password checked');
    // Ten wrong passwords in plain requests locked nothing out: the right one over an upgrade from the same address gets in.
    const answer = await refusedUpgrade(app, '/ocpp/CP-A7', basic('CP-A7', 'wrong-password-x0000'));
    assert.equal(answer.status, 401, 'checked, not locked out');
    assert.deepEqual(held, []);
    await app.close();
  });

  it('answers 503 until the registered stations are loaded, and /health says so', async () => {
    const { app, security, stationAuth } = await setup();
    stationAuth.loaded = false;
    await assert.rejects(app.injectWS('/ocpp/CP-A6', ocpp16), /503/);
    const health = await app.inject({ method: 'GET', url: '/health' });
    assert.deepEqual([health.statusCode, health.json().stations], [503, 'loading']);
    assert.deepEqual(security.records, []);
    stationAuth.loaded = true;
    const ws = await app.injectWS('/ocpp/CP-A6', ocpp16);
    ws.terminate();
    await app.close();
  });
});

describe('duplicate identities (in memory)', () => {
  it('lets an authenticated second connection replace the first, on the record', async () => {
    const { app, registry, security, stationAuth } = await setup();
    await stationAuth.register('CP-D1', 1, PASSWORD);
    const first = await app.injectWS('/ocpp/CP-D1', { headers: basic('CP-D1', PASSWORD) });
    const closed = new Promise<string>((r) => first.on('close', (code, reason) => r(`${code} ${reason.toString()}`)));
    const second = await app.injectWS('/ocpp/CP-D1', { headers: basic('CP-D1', PASSWORD) });
    assert.equal(await closed, '1000 replaced by a newer connection');
    await tick();
    assert.equal(registry.get('CP-D1')?.connectionId, 'conn-2');
    const replaced = security.records.find((r) => r.type === 'ConnectionReplaced');
    assert.deepEqual(replaced && replaced.type === 'ConnectionReplaced'
      && [replaced.chargePointId, replaced.connectionId, replaced.previousConnectionId, replaced.presentedProfile, replaced.node],
    ['CP-D1', 'conn-2', 'conn-1', 1, 3]);
    second.terminate();
    await app.close();
  });

  it('refuses an unauthenticated duplicate with 409 while the first is alive, and admits it once the first fell silent', async () => {
    const { app, registry, security, timers } = await setup();
    const first = await app.injectWS('/ocpp/CP-D2', ocpp16);
    await assert.rejects(app.injectWS('/ocpp/CP-D2', ocpp16), /409/);
    assert.deepEqual(refusals(security.records), ['CP-D2:DUPLICATE_REFUSED:0:null']);
    assert.equal(registry.get('CP-D2')?.connectionId, 'conn-1');
    // A duplicate is no failed authentication: however many, nobody is locked out.
    for (let i = 0; i < 6; i += 1) assert.equal((await refusedUpgrade(app, '/ocpp/CP-D2', ocpp16.headers)).status, 409);
    // No frame and no pong for longer than a ping interval (30 s) plus the pong allowance (5 s).
    timers.advance(35_001);
    const closed = new Promise<number>((r) => first.on('close', (code) => r(code)));
    const second = await app.injectWS('/ocpp/CP-D2', ocpp16);
    assert.equal(await closed, 1000);
    assert.equal(registry.get('CP-D2')?.connectionId, 'conn-2');
    second.terminate();
    await app.close();
  });

  it('under the refuse policy, refuses even an authenticated duplicate while the first is alive', async () => {
    const { app, security, stationAuth } = await setup({ duplicatePolicy: 'refuse' });
    await stationAuth.register('CP-D3', 1, PASSWORD);
    const first = await app.injectWS('/ocpp/CP-D3', { headers: basic('CP-D3', PASSWORD) });
    await assert.rejects(app.injectWS('/ocpp/CP-D3', { headers: basic('CP-D3', PASSWORD) }), /409/);
    assert.deepEqual(refusals(security.records), ['CP-D3:DUPLICATE_REFUSED:1:1']);
    first.terminate();
    await app.close();
  });
});

describe('duplicate identities racing (in memory)', () => {
  for (const duplicatePolicy of ['refuse', 'replace'] as const) {
    it(`under ${duplicatePolicy}, decides again as the socket is attached: of two upgrades let through together, the later one is judged against the earlier`, async () => {
      const hashes = heldHashes();
      const { app, registry, security, stationAuth } = await setup({ duplicatePolicy, verify: hashes.verify });
      await stationAuth.register('CP-D5', 1, PASSWORD);
      const first = app.injectWS('/ocpp/CP-D5', { headers: basic('CP-D5', PASSWORD) });
      const second = app.injectWS('/ocpp/CP-D5', { headers: basic('CP-D5', PASSWORD) });
      // Both are past the duplicate check of the gate (nobody connected yet), awaiting their hashes.
      await until('both hashes running', () => hashes.waiting.length === 2);
      await hashes.releaseAll();
      const [a, b] = await Promise.all([first, second]);
      // Which socket the gateway closes first, and how.
      const closed = await Promise.race([a, b].map((ws, i) => new Promise<string>((r) => ws.on('close', (code, reason) => r(`${i}:${code} ${reason.toString()}`)))));
      if (duplicatePolicy === 'refuse') {
        assert.equal(closed, '1:1008 this station is already connected');
        assert.equal(registry.get('CP-D5')?.connectionId, 'conn-1', 'the first keeps its socket');
        assert.deepEqual(refusals(security.records), ['CP-D5:DUPLICATE_REFUSED:1:1']);
      } else {
        assert.equal(closed, '0:1000 replaced by a newer connection');
        assert.equal(registry.get('CP-D5')?.connectionId, 'conn-2');
        assert.deepEqual(refusals(security.records), []);
      }
      a.terminate();
      b.terminate();
      await app.close();
    });
  }
});

describe('sealed secrets on the way out (in memory)', () => {
  it('sends a sealed AuthorizationKey opened, and makes one sealed for another station undelivered, sending the next', async () => {
    const { app, held, csmsCall } = await setup();
    const ws = await app.injectWS('/ocpp/CP-S1', ocpp16);
    const received = messages(ws);
    const forCpS1 = { chargePointId: 'CP-S1', key: 'AuthorizationKey' };
    const foreign = sealer.seal('the-other-password', { chargePointId: 'CP-S2', key: 'AuthorizationKey' });
    await csmsCall('CP-S1', 'k1', 'ChangeConfiguration', { key: 'AuthorizationKey', value: sealer.seal('the-new-password-16', forCpS1) });
    await csmsCall('CP-S1', 'k2', 'ChangeConfiguration', { key: 'AuthorizationKey', value: foreign });
    await csmsCall('CP-S1', 'k3', 'ClearCache', {});
    await tick();
    assert.deepEqual(received, ['[2,"k1","ChangeConfiguration",{"key":"AuthorizationKey","value":"the-new-password-16"}]']);
    ws.send('[3,"k1",{"status":"Accepted"}]');
    await until('the answer', () => held.some((h) => h.record.type === 'Frame'));
    ackAll(held);
    await until('k3 sent', () => received.length === 2);
    assert.deepEqual(received[1], '[2,"k3","ClearCache",{}]');
    assert.deepEqual(undelivered(held), ['k2:SecretUnavailable:conn-1']);
    assert.ok(held.every((h) => !JSON.stringify(h.record).includes('the-new-password-16')), 'the opened value is recorded nowhere');
    ws.terminate();
    await app.close();
  });
});
