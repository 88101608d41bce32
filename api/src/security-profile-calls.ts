// The calls that move a station up to a higher security profile, in the version it speaks:
// - OCPP 1.6 (Security Whitepaper, "Upgrade Charge Point Security Profile"): ChangeConfiguration
//   of SecurityProfile; the station reconnects at the new profile by itself.
// - OCPP 2.0.1 (A05): SetNetworkProfile stores a connection profile at the new security profile
//   in a configuration slot, SetVariables(OCPPCommCtrlr.NetworkConfigurationPriority) puts that
//   slot first, and Reset(OnIdle) makes the station reconnect through it once no transaction
//   runs. A station falls back to the next slot when the new one fails (A05.FR.07), which is why
//   the slots it had stay in the list behind the new one.
import type { TableVersion } from '@csms/contracts';
import type { CommandAction } from './command-actions.ts';
import { SECURITY_PROFILE_KEY } from './station-credentials.ts';

/** Where a 2.0.1 station is to connect at the new profile (NetworkConnectionProfileType, B09). */
export interface NetworkProfile {
  readonly configurationSlot: number;
  /** The CSMS's OCPP URL without the station's identity, which the station appends. */
  readonly ocppCsmsUrl: string;
  readonly ocppInterface: string;
  readonly messageTimeout: number;
}

export interface UpgradeCall {
  readonly action: CommandAction;
  readonly payload: object;
}

export const NETWORK_PRIORITY = { component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority' } as const;

/** The slot list with `slot` first and the others as they were (a comma-separated list, B09). */
export function prioritized(slot: number, current: string | null): string {
  const others = (current ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== String(slot));
  return [String(slot), ...others].join(',');
}

/** Why `network` cannot carry `securityProfile`; null when it can. Profile 1 is plain ws://, 2 and 3 are TLS. */
export function networkProfileProblem(securityProfile: number, network: NetworkProfile): string | null {
  const scheme = securityProfile >= 2 ? 'wss:' : 'ws:';
  let url: URL;
  try {
    url = new URL(network.ocppCsmsUrl);
  } catch {
    return 'body/networkProfile/ocppCsmsUrl must be a URL';
  }
  if (url.protocol !== scheme) return `body/networkProfile/ocppCsmsUrl: security profile ${securityProfile} connects over ${scheme}//`;
  return null;
}

export function upgradeCalls(version: TableVersion, securityProfile: number, network: NetworkProfile | undefined, priority: string | null): UpgradeCall[] {
  if (version === 'ocpp1.6') {
    return [{ action: 'ChangeConfiguration', payload: { key: SECURITY_PROFILE_KEY, value: String(securityProfile) } }];
  }
  if (network === undefined) throw new Error('a 2.0.1 upgrade needs a network profile');
  return [
    {
      action: 'SetNetworkProfile',
      payload: {
        configurationSlot: network.configurationSlot,
        connectionData: {
          ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: network.ocppCsmsUrl,
          messageTimeout: network.messageTimeout, securityProfile, ocppInterface: network.ocppInterface,
        },
      },
    },
    {
      action: 'SetVariables',
      payload: {
        setVariableData: [{
          component: { name: NETWORK_PRIORITY.component }, variable: { name: NETWORK_PRIORITY.variable },
          attributeValue: prioritized(network.configurationSlot, priority),
        }],
      },
    },
    { action: 'Reset', payload: { type: 'OnIdle' } },
  ];
}
