import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newStationModel201 } from './ocpp201/station-model.ts';
import { playSession201 } from './ocpp201/session.ts';
import { playSeedWorkflow } from './seed-workflow.ts';
import { SessionStepError, sessionSteps, type WorkflowStep } from './session-steps.ts';

/** A station's CALLs answered from a script by action (an Error is thrown, as ocpp-rpc throws a CALLERROR); the rest with {}. */
function scripted(answers: Readonly<Record<string, unknown>>) {
  const sent: string[] = [];
  const call = async <Response>(action: string, _request: object): Promise<Response> => {
    sent.push(action);
    const answer = answers[action] ?? {};
    if (answer instanceof Error) throw answer;
    return answer as Response;
  };
  return { call, sent };
}

const rejectedWith = (action: string, message: RegExp) => (error: unknown) =>
  error instanceof SessionStepError && error.action === action && message.test(error.message);

describe('session steps', () => {
  it('records and tells each step as it was sent and answered', async () => {
    const told: WorkflowStep[] = [];
    const { steps, step } = sessionSteps(scripted({ Heartbeat: { currentTime: 'now' } }).call, (s) => { told.push(s); });
    assert.deepEqual(await step('Heartbeat', {}), { currentTime: 'now' });
    assert.deepEqual(steps, [{ action: 'Heartbeat', request: {}, response: { currentTime: 'now' } }]);
    assert.deepEqual(told, steps);
  });

  it('sends the next step only once the listener has done with the one before, so what it prints stays in order', async () => {
    const station = scripted({});
    const seen: string[] = [];
    const { step } = sessionSteps(station.call, async ({ action }) => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(`${action} told, ${station.sent.length} sent`);
    });
    await step('Heartbeat', {});
    await step('StatusNotification', {});
    assert.deepEqual(seen, ['Heartbeat told, 1 sent', 'StatusNotification told, 2 sent']);
  });

  it('fails a step whose CALL fails (a CALLERROR, a closed socket), naming it', async () => {
    const { step } = sessionSteps(scripted({ Heartbeat: new Error('Client disconnected') }).call, () => undefined);
    await assert.rejects(step('Heartbeat', {}), rejectedWith('Heartbeat', /failed: Client disconnected/));
  });

  it('fails a boot or an authorization that is not Accepted, after telling it, in either version', async () => {
    const cases: Array<[string, unknown]> = [
      ['BootNotification', { status: 'Pending', currentTime: 'now', interval: 60 }],
      ['Authorize', { idTagInfo: { status: 'Invalid' } }],
      ['Authorize', { idTokenInfo: { status: 'Blocked' } }],
    ];
    for (const [action, answer] of cases) {
      const told: string[] = [];
      const { step } = sessionSteps(scripted({ [action]: answer }).call, (s) => { told.push(s.action); });
      await assert.rejects(step(action, {}), rejectedWith(action, /answered "(Pending|Invalid|Blocked)"/));
      assert.deepEqual(told, [action]);
    }
  });

  it('stops the 1.6 seed workflow at a rejected Authorize: no transaction is started', async () => {
    const station = scripted({ BootNotification: { status: 'Accepted' }, Authorize: { idTagInfo: { status: 'Invalid' } } });
    await assert.rejects(playSeedWorkflow({ id: 'CP-1', call: station.call }, { idTag: 'UNKNOWN' }), rejectedWith('Authorize', /Invalid/));
    assert.deepEqual(station.sent, ['BootNotification', 'Heartbeat', 'StatusNotification', 'Authorize']);
  });

  it('stops the 2.0.1 session at the step whose CALL fails', async () => {
    const station = scripted({ BootNotification: { status: 'Accepted' }, Heartbeat: new Error('NotImplemented') });
    const cs = { id: 'CS-1', call: station.call, model: newStationModel201([{ id: 1, connectors: 1 }]) };
    await assert.rejects(playSession201(cs, { idToken: { idToken: 'T', type: 'ISO14443' } }), rejectedWith('Heartbeat', /NotImplemented/));
    assert.deepEqual(station.sent, ['BootNotification', 'Heartbeat']);
  });
});
