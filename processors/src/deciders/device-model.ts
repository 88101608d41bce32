// The station's configuration keys (OCPP 1.6 §5.3, §5.8, §9): what it reported to
// GetConfiguration and how it answered ChangeConfiguration. Each answer is a fact on its own,
// whatever its status, so the decider keeps no state and costs no snapshot; its facts go to
// csms.stations.
import type { ConfigurationChanged, ConfigurationReported, Ocpp16 } from '@csms/contracts';
import type { Decider } from './decider.ts';
import { baseOf, requestOf, responseOf, type AnswerReceived } from './answer-received.ts';

export type DeviceModelCommand = AnswerReceived;
export type DeviceModelEvent = ConfigurationReported | ConfigurationChanged;

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

function decide(answer: DeviceModelCommand, _state: DeviceModelState): readonly DeviceModelEvent[] {
  switch (answer.action) {
    case 'GetConfiguration':
      return [configurationReported(answer, requestOf(answer), responseOf(answer))];
    case 'ChangeConfiguration': {
      // Rejected, RebootRequired and NotSupported are facts about the key too.
      const { key, value } = requestOf<Ocpp16.ChangeConfigurationRequest>(answer);
      return [{ type: 'ConfigurationChanged', ...baseOf(answer), key, value, status: responseOf<Ocpp16.ChangeConfigurationResponse>(answer).status }];
    }
    default:
      return [];
  }
}

export const deviceModelDecider: Decider<DeviceModelCommand, DeviceModelEvent, DeviceModelState> = {
  name: 'deviceModel', initialState: null, decide, evolve: (state) => state,
};
