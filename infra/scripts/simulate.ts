// `npm run simulate -- --id CP001`: one simulated charge point plays the product
// document's charging session against a running CSMS and prints each step.
import { parseArgs } from 'node:util';
import { playSeedWorkflow, simulatedChargePoint, stationTlsFromFiles } from '../src/simulator/index.ts';

const { values } = parseArgs({
  options: {
    id: { type: 'string', default: 'CP001' },
    url: { type: 'string', default: process.env.CSMS_OCPP_URL ?? 'ws://127.0.0.1:4000/ocpp' },
    'id-tag': { type: 'string', default: 'RFID-12345' },
    connector: { type: 'string', default: '1' },
    'energy-wh': { type: 'string', default: '25500' },
    stay: { type: 'boolean', default: false },
    // Security profiles 1-2: HTTP Basic with the id as username. Profiles 2-3 (wss:// URLs): PEM files.
    password: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    ca: { type: 'string' },
  },
});

const tls = stationTlsFromFiles({ cert: values.cert, key: values.key, ca: values.ca });
const cp = simulatedChargePoint({
  endpoint: values.url, id: values.id, log: (line) => console.log(line),
  ...(values.password === undefined ? {} : { password: values.password }), ...(tls === undefined ? {} : { tls }),
});
const credentials = [values.password === undefined ? null : 'Basic auth', values.cert === undefined ? null : 'client certificate']
  .filter(Boolean).join(' + ') || 'no credentials';
console.log(`connecting ${values.id} to ${values.url}/${values.id} (ocpp1.6, ${credentials})`);
try {
  await cp.connect();
  const result = await playSeedWorkflow(cp, {
    idTag: values['id-tag'], connectorId: Number(values.connector), energyWh: Number(values['energy-wh']),
  }, ({ action, request, response }) => {
    console.log(`→ ${action} ${JSON.stringify(request)}\n← ${JSON.stringify(response)}`);
  });
  console.log(`session done: transaction ${result.transactionId}`);
  if (values.stay) {
    // Stay connected, answering whatever the CSMS sends (try the command endpoints), until Ctrl-C.
    console.log('staying connected and answering commands; Ctrl-C to leave');
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  }
  await cp.close();
} catch (error) {
  console.error(`simulation failed: ${(error as Error).message}`);
  await cp.close().catch(() => undefined);
  process.exitCode = 1;
}
