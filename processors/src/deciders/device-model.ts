// The station's configuration: OCPP 1.6 configuration keys (§5.3, §5.8, §9), what it reported to
// GetConfiguration and how it answered ChangeConfiguration; the OCPP 2.0.1 device model (block B),
// what it reports in NotifyReport and answers to GetVariables and SetVariables. Each message is a
// fact on its own, whatever its status, so the decider keeps no state and costs no snapshot; its
// facts go to csms.stations.
import type { ConfigurationChanged, ConfigurationReported, Ocpp16, Ocpp201, VariablesReported } from '@csms/contracts';
import type { Decider } from './decider.ts';
import type { FrameMeta } from './context.ts';
import { baseOf, requestOf, responseOf, type AnswerReceived } from './answer-received.ts';
import { replyWith, type Replied } from './reply.ts';
import { getVariablesReported, notifyReported, setVariablesReported } from './variables-reported.ts';

export type DeviceModelCommand =
  | AnswerReceived
  /** B07/B08: a part of the report a GetBaseReport or GetReport asked for; the gateway has answered it. */
  | { readonly type: 'NotifyReport'; readonly frame: FrameMeta; readonly payload: Ocpp201.NotifyReportRequest };
export type DeviceModelEvent = ConfigurationReported | ConfigurationChanged | VariablesReported | Replied;

/** Nothing to remember between answers. */
export type DeviceModelState = null;

function configurationReported(
  answer: AnswerReceived, request: Ocpp16.GetConfigurationRequest, response: Ocpp16.GetConfigurationResponse,
): ConfigurationReported {
  const keys = (response.configurationKey ?? []).map((k) => ({ key: k.key, value: k.value ?? null, readonly: k.readonly }));
  // OCPP 1.6 §5.8: no keys asked for means every key, so a key not listed is gone.
  const complete = (request.key ?? []).length === 0;
  return { type: 'ConfigurationReported', ...baseOf(answer), keys, unknownKeys: response.unknownKey ?? [], complete };
}

/** The actions name the version: GetConfiguration and ChangeConfiguration are 1.6's, GetVariables and SetVariables 2.0.1's. */
function answered(answer: AnswerReceived): DeviceModelEvent[] {
  switch (answer.action) {
    case 'GetConfiguration':
      return [configurationReported(answer, requestOf(answer), responseOf(answer))];
    case 'ChangeConfiguration': {
      // Rejected, RebootRequired and NotSupported are facts about the key too.
      const { key, value } = requestOf<Ocpp16.ChangeConfigurationRequest>(answer);
      return [{ type: 'ConfigurationChanged', ...baseOf(answer), key, value, status: responseOf<Ocpp16.ChangeConfigurationResponse>(answer).status }];
    }
    case 'GetVariables':
      return [getVariablesReported(baseOf(answer), responseOf(answer))];
    case 'SetVariables':
      return [setVariablesReported(baseOf(answer), requestOf(answer), responseOf(answer))];
    default:
      return [];
  }
}

function decide(command: DeviceModelCommand, _state: DeviceModelState): readonly DeviceModelEvent[] {
  switch (command.type) {
    case 'AnswerReceived':
      return answered(command);
    case 'NotifyReport': {
      const { frame, payload } = command;
      return [notifyReported({ chargePointId: frame.chargePointId, at: frame.at }, payload), ...replyWith(frame, {})];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

export const deviceModelDecider: Decider<DeviceModelCommand, DeviceModelEvent, DeviceModelState> = {
  name: 'deviceModel', initialState: null, decide, evolve: (state) => state,
};
