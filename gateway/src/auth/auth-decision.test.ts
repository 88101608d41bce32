import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSafeText } from '@csms/contracts';
import {
  decideStationAuth, passwordCandidates, presentedProfileOf,
  type AuthDecision, type AuthInput, type AuthPolicy, type KnownStation, type Presented, type SecurityProfile,
} from './auth-decision.ts';

const ID = 'CP001';
const NOW = Date.UTC(2025, 0, 1);
const PASSWORD = 'correct-horse-battery';
/** Stand-in hashes: a password matches the hash `hash:<password>`, so the test sees what was compared. */
const hashOf = (password: string) => `hash:${password}`;

type Variant =
  | 'ws-none' | 'ws-basic' | 'ws-basic-wrong' | 'ws-basic-other-user' | 'ws-malformed'
  | 'wss-none' | 'wss-basic' | 'wss-basic-wrong' | 'wss-cert' | 'wss-cert+basic' | 'wss-cert-untrusted' | 'wss-cert-other-cn';

const good = { username: ID, password: PASSWORD };
const presentedBy: Record<Variant, Presented> = {
  'ws-none': { chargePointId: ID, tls: false, certificate: null, basic: null },
  'ws-basic': { chargePointId: ID, tls: false, certificate: null, basic: good },
  'ws-basic-wrong': { chargePointId: ID, tls: false, certificate: null, basic: { username: ID, password: 'not-the-password' } },
  'ws-basic-other-user': { chargePointId: ID, tls: false, certificate: null, basic: { username: 'CP002', password: PASSWORD } },
  'ws-malformed': { chargePointId: ID, tls: false, certificate: null, basic: 'malformed' },
  'wss-none': { chargePointId: ID, tls: true, certificate: null, basic: null },
  'wss-basic': { chargePointId: ID, tls: true, certificate: null, basic: good },
  'wss-basic-wrong': { chargePointId: ID, tls: true, certificate: null, basic: { username: ID, password: 'not-the-password' } },
  'wss-cert': { chargePointId: ID, tls: true, certificate: { verified: true, commonName: ID }, basic: null },
  'wss-cert+basic': { chargePointId: ID, tls: true, certificate: { verified: true, commonName: ID }, basic: good },
  'wss-cert-untrusted': { chargePointId: ID, tls: true, certificate: { verified: false, error: 'CERT_HAS_EXPIRED' }, basic: null },
  'wss-cert-other-cn': { chargePointId: ID, tls: true, certificate: { verified: true, commonName: 'CP002' }, basic: null },
};

const permissive: AuthPolicy = { unknownStations: 'accept', minimumProfile: 0 };

function station(securityProfile: number, credential: KnownStation['credential'] = { passwordHash: hashOf(PASSWORD), previousPasswordHash: null, previousValidUntil: null }): KnownStation {
  return { securityProfile, credential };
}

/** Runs the decision, answering a `verify-password` step the way the verifier would. */
function settle(input: AuthInput): AuthDecision {
  const first = decideStationAuth(input);
  if (first.kind !== 'verify-password') return first;
  const match = first.candidates.find((c) => c.hash === hashOf(first.password));
  const second = decideStationAuth({ ...input, passwordCheck: match?.which ?? 'mismatch' });
  assert.notEqual(second.kind, 'verify-password', 'a verdict ends the password step');
  return second;
}

/** `accept:<verified profile>` or the refusal reason. */
function outcome(decision: AuthDecision): string {
  if (decision.kind === 'accept') return `accept:${decision.verifiedProfile}`;
  if (decision.kind === 'refuse') return decision.reason;
  return 'verify-password';
}

// Rows: what was presented; columns: the station's configured profile 0, 1, 2, 3.
const matrix: Record<Variant, [string, string, string, string]> = {
  'ws-none': ['accept:0', 'CREDENTIALS_REQUIRED', 'DOWNGRADE', 'DOWNGRADE'],
  'ws-basic': ['accept:1', 'accept:1', 'DOWNGRADE', 'DOWNGRADE'],
  'ws-basic-wrong': ['WRONG_PASSWORD', 'WRONG_PASSWORD', 'DOWNGRADE', 'DOWNGRADE'],
  'ws-basic-other-user': ['USERNAME_MISMATCH', 'USERNAME_MISMATCH', 'DOWNGRADE', 'DOWNGRADE'],
  'ws-malformed': ['CREDENTIALS_REQUIRED', 'CREDENTIALS_REQUIRED', 'DOWNGRADE', 'DOWNGRADE'],
  'wss-none': ['accept:0', 'CREDENTIALS_REQUIRED', 'CREDENTIALS_REQUIRED', 'CERTIFICATE_REQUIRED'],
  'wss-basic': ['accept:2', 'accept:2', 'accept:2', 'CERTIFICATE_REQUIRED'],
  'wss-basic-wrong': ['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD', 'CERTIFICATE_REQUIRED'],
  'wss-cert': ['accept:3', 'accept:3', 'accept:3', 'accept:3'],
  'wss-cert+basic': ['accept:3', 'accept:3', 'accept:3', 'accept:3'],
  'wss-cert-untrusted': ['CERTIFICATE_UNTRUSTED', 'CERTIFICATE_UNTRUSTED', 'CERTIFICATE_UNTRUSTED', 'CERTIFICATE_UNTRUSTED'],
  'wss-cert-other-cn': ['CERTIFICATE_CN_MISMATCH', 'CERTIFICATE_CN_MISMATCH', 'CERTIFICATE_CN_MISMATCH', 'CERTIFICATE_CN_MISMATCH'],
};

describe('decideStationAuth', () => {
  for (const [variant, expected] of Object.entries(matrix) as [Variant, string[]][]) {
    it(`${variant} against profiles 0..3: ${expected.join(', ')}`, () => {
      const actual = [0, 1, 2, 3].map((profile) => outcome(settle({
        presented: presentedBy[variant], station: station(profile), policy: permissive, now: NOW,
      })));
      assert.deepEqual(actual, expected);
    });
  }

  it('records what was presented and what was required', () => {
    const refused = settle({ presented: presentedBy['ws-basic'], station: station(2), policy: permissive, now: NOW });
    assert.deepEqual(refused, {
      kind: 'refuse', reason: 'DOWNGRADE', detail: 'security profile 2 needs wss://', presentedProfile: 1, requiredProfile: 2,
    });
    const accepted = settle({ presented: presentedBy['wss-basic'], station: station(1), policy: permissive, now: NOW });
    assert.deepEqual(accepted, {
      kind: 'accept', verifiedProfile: 2, password: 'current', presentedProfile: 2, requiredProfile: 1,
    });
    const expected: Record<Variant, SecurityProfile> = {
      'ws-none': 0, 'ws-basic': 1, 'ws-basic-wrong': 1, 'ws-basic-other-user': 1, 'ws-malformed': 1, 'wss-none': 0, 'wss-basic': 2,
      'wss-basic-wrong': 2, 'wss-cert': 3, 'wss-cert+basic': 3, 'wss-cert-untrusted': 3, 'wss-cert-other-cn': 3,
    };
    for (const [variant, profile] of Object.entries(expected) as [Variant, SecurityProfile][]) {
      assert.equal(presentedProfileOf(presentedBy[variant]), profile, variant);
    }
  });

  it('never asks for a password check it does not need (a downgrade, a certificate)', () => {
    for (const variant of ['ws-basic', 'wss-cert+basic'] as const) {
      const decision = decideStationAuth({ presented: presentedBy[variant], station: station(3), policy: permissive, now: NOW });
      assert.notEqual(decision.kind, 'verify-password', variant);
    }
  });

  it('refuses a certificate that fails before looking at the registry, naming the CN it carries', () => {
    const decision = settle({ presented: presentedBy['wss-cert-other-cn'], station: null, policy: permissive, now: NOW });
    assert.equal(decision.kind === 'refuse' && decision.detail, 'the certificate\'s subject CN is "CP002"');
    const expired = settle({ presented: presentedBy['wss-cert-untrusted'], station: null, policy: permissive, now: NOW });
    assert.equal(expired.kind === 'refuse' && expired.detail, 'CERT_HAS_EXPIRED');
  });

  it('bounds a long CN by code points, never leaving half a surrogate pair', () => {
    // 190 emoji (two UTF-16 units each): cut by UTF-16 units, the 200th would split one.
    const commonName = '\u{1F50C}'.repeat(190);
    const presented: Presented = { chargePointId: ID, tls: true, certificate: { verified: true, commonName }, basic: null };
    const decision = settle({ presented, station: null, policy: permissive, now: NOW });
    const detail = decision.kind === 'refuse' ? decision.detail ?? '' : '';
    assert.ok(isSafeText(detail), 'no lone surrogate');
    assert.ok(detail.startsWith('the certificate\'s subject CN is "\u{1F50C}'));
    assert.equal([...detail].length, 200);
  });

  it('refuses a password no station can have as wrong, without asking for a hash', () => {
    for (const password of ['too-short', 'x'.repeat(41), 'sixteen chars ok', 'contr\u00f4le-password-1']) {
      const presented: Presented = { chargePointId: ID, tls: false, certificate: null, basic: { username: ID, password } };
      const decision = decideStationAuth({ presented, station: station(1), policy: permissive, now: NOW });
      assert.deepEqual(decision.kind === 'refuse' && [decision.reason, decision.detail], ['WRONG_PASSWORD', 'not a possible station password'], password);
    }
  });

  it('reads a profile outside 0..3 as 3', () => {
    for (const weird of [4, -1, 1.5, Number.NaN]) {
      const decision = settle({ presented: presentedBy['wss-basic'], station: station(weird), policy: permissive, now: NOW });
      assert.equal(outcome(decision), 'CERTIFICATE_REQUIRED', String(weird));
    }
  });

  it('refuses a password-protected profile when no password was ever set', () => {
    for (const profile of [1, 2]) {
      const decision = settle({ presented: presentedBy['wss-basic'], station: station(profile, null), policy: permissive, now: NOW });
      assert.equal(outcome(decision), 'NO_PASSWORD_SET');
    }
    // Profile 0 asks for nothing: a password it cannot check proves nothing, and refuses nothing either.
    assert.equal(outcome(settle({ presented: presentedBy['ws-basic'], station: station(0, null), policy: permissive, now: NOW })), 'accept:0');
  });
});

describe('unknown stations', () => {
  const variants: Variant[] = ['ws-none', 'ws-basic', 'wss-basic', 'wss-cert', 'wss-cert-untrusted'];
  const expected: Record<'accept' | 'pending' | 'reject', string[]> = {
    accept: ['accept:0', 'accept:0', 'accept:0', 'accept:3', 'CERTIFICATE_UNTRUSTED'],
    pending: ['accept:0', 'accept:0', 'accept:0', 'accept:3', 'CERTIFICATE_UNTRUSTED'],
    reject: ['UNKNOWN_STATION', 'UNKNOWN_STATION', 'UNKNOWN_STATION', 'UNKNOWN_STATION', 'CERTIFICATE_UNTRUSTED'],
  };
  for (const [policy, outcomes] of Object.entries(expected) as ['accept' | 'pending' | 'reject', string[]][]) {
    it(`under ${policy}: ${outcomes.join(', ')}`, () => {
      const actual = variants.map((v) => outcome(settle({
        presented: presentedBy[v], station: null, policy: { unknownStations: policy, minimumProfile: 0 }, now: NOW,
      })));
      assert.deepEqual(actual, outcomes);
    });
  }

  it('records no required profile for an unregistered identity', () => {
    const decision = settle({ presented: presentedBy['ws-none'], station: null, policy: { unknownStations: 'reject', minimumProfile: 0 }, now: NOW });
    assert.equal(decision.kind === 'refuse' && decision.requiredProfile, null);
    const accepted = settle({ presented: presentedBy['ws-none'], station: null, policy: permissive, now: NOW });
    assert.equal(accepted.kind === 'accept' && accepted.requiredProfile, null);
  });

  it('lets an unregistered station meet a minimum profile only with a certificate', () => {
    const policy: AuthPolicy = { unknownStations: 'accept', minimumProfile: 1 };
    assert.equal(outcome(settle({ presented: presentedBy['ws-basic'], station: null, policy, now: NOW })), 'UNKNOWN_STATION');
    assert.equal(outcome(settle({ presented: presentedBy['wss-cert'], station: null, policy, now: NOW })), 'accept:3');
  });
});

describe('the minimum profile', () => {
  it('raises every registered station to it', () => {
    const policy: AuthPolicy = { unknownStations: 'reject', minimumProfile: 1 };
    const profile0 = station(0);
    assert.equal(outcome(settle({ presented: presentedBy['ws-none'], station: profile0, policy, now: NOW })), 'CREDENTIALS_REQUIRED');
    assert.equal(outcome(settle({ presented: presentedBy['ws-basic'], station: profile0, policy, now: NOW })), 'accept:1');
    const refused = settle({ presented: presentedBy['ws-none'], station: profile0, policy, now: NOW });
    assert.equal(refused.kind === 'refuse' && refused.requiredProfile, 1);
    const raised = settle({ presented: presentedBy['ws-basic'], station: profile0, policy: { ...policy, minimumProfile: 2 }, now: NOW });
    assert.equal(outcome(raised), 'DOWNGRADE');
  });
});

describe('password rotation', () => {
  const rotated = (validUntil: number | null): KnownStation => station(1, {
    passwordHash: hashOf('the-new-password-1'), previousPasswordHash: hashOf(PASSWORD), previousValidUntil: validUntil,
  });

  it('accepts the previous password until previousValidUntil, and says so', () => {
    const before = settle({ presented: presentedBy['ws-basic'], station: rotated(NOW + 1), policy: permissive, now: NOW });
    assert.equal(before.kind === 'accept' && before.password, 'previous');
    const at = settle({ presented: presentedBy['ws-basic'], station: rotated(NOW), policy: permissive, now: NOW });
    assert.equal(outcome(at), 'WRONG_PASSWORD');
  });

  it('never accepts a previous password without an end date', () => {
    assert.equal(outcome(settle({ presented: presentedBy['ws-basic'], station: rotated(null), policy: permissive, now: NOW })), 'WRONG_PASSWORD');
  });

  it('accepts the new password as current, and offers the current hash first', () => {
    const presented: Presented = { ...presentedBy['ws-basic'], basic: { username: ID, password: 'the-new-password-1' } };
    const decision = settle({ presented, station: rotated(NOW + 1), policy: permissive, now: NOW });
    assert.equal(decision.kind === 'accept' && decision.password, 'current');
    const credential = rotated(NOW + 1).credential!;
    assert.deepEqual(passwordCandidates(credential, NOW).map((c) => c.which), ['current', 'previous']);
    assert.deepEqual(passwordCandidates(credential, NOW + 1).map((c) => c.which), ['current']);
  });
});
