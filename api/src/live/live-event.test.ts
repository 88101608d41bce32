import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandEvent, SessionEvent, StationEvent } from '@csms/contracts';
import { liveEventOf, sseFrame } from './live-event.ts';
import { createLiveHub } from './live-hub.ts';

const at = Date.parse('2026-12-02T10:00:00Z');

test('a connection carries what the fleet shows: node, protocol and the proven security profile', () => {
  const record = {
    type: 'StationConnected', chargePointId: 'CP1', at, node: 3, connectionId: 'c1', protocol: 'ocpp2.0.1', remoteAddress: '10.0.0.1', securityProfile: 2,
  } as StationEvent;
  assert.deepEqual(liveEventOf('stations', record), {
    topic: 'stations', type: 'StationConnected', chargePointId: 'CP1', at: '2026-12-02T10:00:00.000Z', node: 3, protocol: 'ocpp2.0.1', securityProfile: 2,
  });
});

test('a connector status names the connector and its EVSE numbering', () => {
  const record = {
    type: 'ConnectorStatusChanged', chargePointId: 'CP1', at, connectorId: 1, evseConnectorId: null, status: 'Charging', errorCode: 'NoError',
    info: null, vendorId: null, vendorErrorCode: null,
  } as unknown as StationEvent;
  const event = liveEventOf('stations', record);
  assert.equal(event?.status, 'Charging');
  assert.equal(event?.connectorId, 1);
  assert.equal(event?.evseConnectorId, null);
});

test('heartbeats are not streamed', () => {
  assert.equal(liveEventOf('stations', { type: 'HeartbeatReceived', chargePointId: 'CP1', at } as StationEvent), null);
});

test('a command\'s lifecycle reads as the read model\'s statuses', () => {
  const base = { chargePointId: 'CP1', at, commandId: 'k1', action: 'Reset' };
  assert.equal(liveEventOf('commands', { ...base, type: 'CommandRequested' } as CommandEvent)?.status, 'Requested');
  assert.equal(liveEventOf('commands', { ...base, type: 'CommandSent' } as CommandEvent)?.status, 'Sent');
  assert.equal(liveEventOf('commands', { ...base, type: 'CommandCompleted', outcome: 'TimedOut' } as CommandEvent)?.status, 'TimedOut');
});

test('session records name their transaction, or null when they have none', () => {
  assert.equal(liveEventOf('sessions', { type: 'MeterValuesSampled', chargePointId: 'CP1', at, transactionId: 7 } as SessionEvent)?.transactionId, 7);
  assert.equal(liveEventOf('sessions', { type: 'AuthorizationDecided', chargePointId: 'CP1', at } as SessionEvent)?.transactionId, null);
});

test('an event is one data line, even with a line break in a value', () => {
  const frame = sseFrame({ topic: 'stations', type: 'StationBooted', chargePointId: 'CP1', at: 'x', model: 'a\nb' });
  assert.equal(frame.split('\n').length, 3);
  assert.ok(frame.startsWith('data: {') && frame.endsWith('}\n\n'));
});

test('the hub delivers only the topics and the station a stream asked for, until it unsubscribes', () => {
  const hub = createLiveHub();
  const heard: string[] = [];
  const stop = hub.subscribe({ topics: new Set(['commands']), chargePointId: 'CP1' }, (event) => heard.push(`${event.chargePointId}/${event.type}`));
  const event = (chargePointId: string, topic: 'stations' | 'commands', type: string) => ({ topic, type, chargePointId, at: 'x' });
  hub.publish(event('CP1', 'stations', 'StationConnected'));
  hub.publish(event('CP2', 'commands', 'CommandSent'));
  hub.publish(event('CP1', 'commands', 'CommandSent'));
  assert.equal(hub.size, 1);
  stop();
  hub.publish(event('CP1', 'commands', 'CommandCompleted'));
  assert.deepEqual(heard, ['CP1/CommandSent']);
  assert.equal(hub.size, 0);
});
