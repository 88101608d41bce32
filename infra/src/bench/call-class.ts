// Who answers a call, read from contracts' action table rather than listed again here: the
// gateway answers a call whose reply depends on no state once Kafka has it (a row with a
// gatewayAnswer); a processor decides every other one, through Kafka both ways.
import { stationCallRow } from '@csms/contracts';

export type CallClass = 'gateway-answered' | 'processor-decided';

export const CALL_CLASSES: readonly CallClass[] = ['gateway-answered', 'processor-decided'];

/** `subprotocol` as negotiated (ocpp1.6, ocpp2.0.1); an action the table lacks is not the gateway's to answer. */
export function callClassOf(subprotocol: string, action: string): CallClass {
  const row = stationCallRow(subprotocol, action);
  return row !== undefined && row.gatewayAnswer !== null ? 'gateway-answered' : 'processor-decided';
}
