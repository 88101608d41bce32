// `npm run simulate -- --id CP001`: one simulated station plays the product document's charging
// session against a running CSMS and prints each step; `--protocol 2.0.1` plays it as an OCPP
// 2.0.1 charging station (TransactionEvents, a device model it reports in parts).
import { parseArgs } from 'node:util';
import type { Ocpp201 } from '@csms/contracts';
import {
  playSeedWorkflow, playSession201, simulatedChargePoint, simulatedChargingStation, stationTlsFromFiles,
  type SimulatedChargePoint, type SimulatedChargingStation, type WorkflowStep,
} from '../src/simulator/index.ts';

const { values } = parseArgs({
  options: {
    id: { type: 'string', default: 'CP001' },
    url: { type: 'string', default: process.env.CSMS_OCPP_URL ?? 'ws://127.0.0.1:4000/ocpp' },
    protocol: { type: 'string', default: '1.6' },
    'id-tag': { type: 'string', default: 'RFID-12345' },
    // 2.0.1: the id token's type (IdTokenEnumType).
    'id-token-type': { type: 'string', default: 'ISO14443' },
    // 1.6: the connector; 2.0.1: the EVSE.
    connector: { type: 'string', default: '1' },
    'energy-wh': { type: 'string', default: '25500' },
    // 2.0.1: variables per NotifyReport part when the CSMS asks for a report.
    'report-part-size': { type: 'string', default: '10' },
    stay: { type: 'boolean', default: false },
    // Security profiles 1-2: HTTP Basic with the id as username. Profiles 2-3 (wss:// URLs): PEM files.
    password: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    ca: { type: 'string' },
  },
});

if (values.protocol !== '1.6' && values.protocol !== '2.0.1') {
  console.error(`--protocol must be 1.6 or 2.0.1, not ${values.protocol}`);
  process.exit(2);
}
const tls = stationTlsFromFiles({ cert: values.cert, key: values.key, ca: values.ca });
const connection = {
  endpoint: values.url, id: values.id, log: (line: string) => console.log(line),
  ...(values.password === undefined ? {} : { password: values.password }), ...(tls === undefined ? {} : { tls }),
};
const printStep = ({ action, request, response }: WorkflowStep) => console.log(`→ ${action} ${JSON.stringify(request)}\n← ${JSON.stringify(response)}`);
const session = { connectorId: Number(values.connector), energyWh: Number(values['energy-wh']) };

/** The station the options ask for, and how it plays its session, saying which transaction it was. */
function stationAndSession(): { station: SimulatedChargePoint | SimulatedChargingStation; play: () => Promise<string> } {
  if (values.protocol === '2.0.1') {
    const cs = simulatedChargingStation({ ...connection, reportPartSize: Number(values['report-part-size']) });
    const idToken = { idToken: values['id-tag'], type: values['id-token-type'] } as Ocpp201.IdTokenType; // strict mode refuses a type 2.0.1 does not have
    const options = { idToken, evseId: session.connectorId, energyWh: session.energyWh };
    return { station: cs, play: async () => `station transaction ${(await playSession201(cs, options, printStep)).transactionId}` };
  }
  const cp = simulatedChargePoint(connection);
  return { station: cp, play: async () => `transaction ${(await playSeedWorkflow(cp, { idTag: values['id-tag'], ...session }, printStep)).transactionId}` };
}

/** Until Ctrl-C, or until the CSMS closes the connection, which is a failure: nothing answers its commands any more. */
function stayConnected(station: SimulatedChargePoint | SimulatedChargingStation): Promise<void> {
  return new Promise((resolve, reject) => {
    process.once('SIGINT', () => resolve());
    station.client.once('close', ({ code }: { code: number }) => reject(new Error(`the connection closed (${code})`)));
  });
}

const credentials = [values.password === undefined ? null : 'Basic auth', values.cert === undefined ? null : 'client certificate']
  .filter(Boolean).join(' + ') || 'no credentials';
console.log(`connecting ${values.id} to ${values.url}/${values.id} (ocpp${values.protocol}, ${credentials})`);
const { station, play } = stationAndSession();
try {
  await station.connect();
  console.log(`session done: ${await play()}`);
  if (values.stay) {
    // Answering whatever the CSMS sends (try the command endpoints).
    console.log('staying connected and answering commands; Ctrl-C to leave');
    await stayConnected(station);
  }
  await station.close();
} catch (error) {
  console.error(`simulation failed: ${(error as Error).message}`);
  await station.close().catch(() => undefined);
  // Now, not when the event loop drains: a failed run must not linger on a socket or timer it left behind.
  process.exit(1);
}
