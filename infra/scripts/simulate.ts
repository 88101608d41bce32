// `npm run simulate -- --id CP001`: one simulated station plays the product document's charging
// session against a running CSMS and prints each step; `--protocol 2.0.1` plays it as an OCPP
// 2.0.1 charging station (TransactionEvents, a device model it reports in parts). It shows what the
// session costs as the CSMS's REST API reports it: the running cost after each meter sample and,
// once stopped, its CDR (session-bill-reader.ts); a bill that cannot be read never fails the run.
import type { Ocpp201 } from '@csms/contracts';
import {
  playSeedWorkflow, playSession201, sessionBill, simulatedChargePoint, simulatedChargingStation, stationTlsFromFiles,
  type SimulatedChargePoint, type SimulatedChargingStation, type WorkflowStep,
} from '../src/simulator/index.ts';
import { optionsOrExit } from './cli-flags.ts';
import { simulateOptions } from './simulate-options.ts';

/** The options, and the PEM files they name, or one line saying what is wrong with them. */
const { options: args, tls } = optionsOrExit(() => {
  const options = simulateOptions(process.argv.slice(2), process.env);
  return { options, tls: stationTlsFromFiles({ cert: options.cert, key: options.key, ca: options.ca }) };
});
const connection = {
  endpoint: args.url, id: args.id, log: (line: string) => console.log(line),
  ...(args.password === undefined ? {} : { password: args.password }), ...(tls === undefined ? {} : { tls }),
};
const bill = sessionBill({ apiUrl: args.api, apiKey: args.apiKey, chargePointId: args.id, log: (line) => console.log(line) });
const printStep = async (step: WorkflowStep) => {
  console.log(`→ ${step.action} ${JSON.stringify(step.request)}\n← ${JSON.stringify(step.response)}`);
  await bill.afterStep(step);
};
const session = { connectorId: args.connector, energyWh: args.energyWh };

/** The station the options ask for, and how it plays its session, saying which transaction it was. */
function stationAndSession(): { station: SimulatedChargePoint | SimulatedChargingStation; play: () => Promise<string> } {
  if (args.protocol === '2.0.1') {
    const cs = simulatedChargingStation({ ...connection, reportPartSize: args.reportPartSize });
    const idToken: Ocpp201.IdTokenType = { idToken: args.idTag, type: args.idTokenType };
    const options = { idToken, evseId: session.connectorId, energyWh: session.energyWh };
    return { station: cs, play: async () => `station transaction ${(await playSession201(cs, options, printStep)).transactionId}` };
  }
  const cp = simulatedChargePoint(connection);
  return { station: cp, play: async () => `transaction ${(await playSeedWorkflow(cp, { idTag: args.idTag, ...session }, printStep)).transactionId}` };
}

/** Until Ctrl-C, or until the CSMS closes the connection, which is a failure: nothing answers its commands any more. */
function stayConnected(station: SimulatedChargePoint | SimulatedChargingStation): Promise<void> {
  return new Promise((resolve, reject) => {
    process.once('SIGINT', () => resolve());
    station.client.once('close', ({ code }: { code: number }) => reject(new Error(`the connection closed (${code})`)));
  });
}

const credentials = [args.password === undefined ? null : 'Basic auth', args.cert === undefined ? null : 'client certificate']
  .filter(Boolean).join(' + ') || 'no credentials';
console.log(`connecting ${args.id} to ${args.url}/${args.id} (ocpp${args.protocol}, ${credentials})`);
const { station, play } = stationAndSession();
try {
  await station.connect();
  console.log(`session done: ${await play()}`);
  await bill.afterSession();
  if (args.stay) {
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
