// JWTs against a local identity provider: a key pair made here, its public half served as a
// JWKS by an in-process http server on 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { fakeDb } from '../test-db.ts';
import { testApp } from '../test-app.ts';
import { createJwtVerifier, type JwtConfig } from './jwt-verifier.ts';

const ISSUER = 'https://idp.example.com/';
const AUDIENCE = 'csms-api';
let server: Server;
let jwksUrl: URL;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

before(async () => {
  const pair = await generateKeyPair('ES256');
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] });
  server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function config(overrides: Partial<JwtConfig> = {}): JwtConfig {
  return { jwksUrl, issuer: ISSUER, audience: AUDIENCE, roleClaim: 'csms_role', ...overrides };
}

async function token(claims: JWTPayload, options: { key?: CryptoKey; expiresIn?: string | number; issuer?: string; audience?: string } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuedAt()
    .setIssuer(options.issuer ?? ISSUER).setAudience(options.audience ?? AUDIENCE).setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? signingKey);
}

test('a valid token is the principal sub:<subject> with the role its claim names', async () => {
  const verifier = createJwtVerifier(config());
  assert.deepEqual(await verifier.verify(await token({ sub: 'alice', csms_role: 'operator' })), {
    kind: 'authenticated', principal: { id: 'sub:alice', role: 'operator' },
  });
});

test('an array of roles gives the highest one; unknown names are ignored; none is no role', async () => {
  const verifier = createJwtVerifier(config());
  const roleOf = async (claim: unknown) => {
    const result = await verifier.verify(await token({ sub: 'bob', csms_role: claim as string }));
    return result.kind === 'authenticated' ? result.principal.role : result.kind;
  };
  assert.equal(await roleOf(['viewer', 'admin', 'operator']), 'admin');
  assert.equal(await roleOf(['superuser', 'viewer']), 'viewer');
  assert.equal(await roleOf('root'), null);
  assert.equal(await roleOf(undefined), null);
});

test('the role claim is configurable', async () => {
  const verifier = createJwtVerifier(config({ roleClaim: 'roles' }));
  const result = await verifier.verify(await token({ sub: 'carol', roles: ['admin'], csms_role: 'viewer' }));
  assert.equal(result.kind === 'authenticated' ? result.principal.role : null, 'admin');
});

test('a wrong issuer, audience, signer or an expired token is refused', async () => {
  const verifier = createJwtVerifier(config());
  const claims = { sub: 'mallory', csms_role: 'admin' };
  const refused = [
    await token(claims, { issuer: 'https://evil.example.com/' }),
    await token(claims, { audience: 'someone-else' }),
    await token(claims, { key: strangerKey }),
    await token(claims, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
    await token({ csms_role: 'admin' }),
    await token({ sub: 'nul\u0000byte', csms_role: 'admin' }),
  ];
  for (const jwt of refused) assert.equal((await verifier.verify(jwt)).kind, 'refused');
  const [header, payload] = (await token(claims)).split('.');
  assert.equal((await verifier.verify(`${header}.${payload}.AAAA`)).kind, 'refused');
});

test('without issuer and audience settings, any issuer and audience of a validly signed token do', async () => {
  const verifier = createJwtVerifier(config({ issuer: null, audience: null }));
  assert.equal((await verifier.verify(await token({ sub: 'dave', csms_role: 'viewer' }, { issuer: 'x', audience: 'y' }))).kind, 'authenticated');
});

test('an unreachable identity provider is "unavailable", not a verdict on the token', async () => {
  const verifier = createJwtVerifier(config({ jwksUrl: new URL('http://127.0.0.1:1/jwks.json') }));
  assert.equal((await verifier.verify(await token({ sub: 'erin', csms_role: 'admin' }))).kind, 'unavailable');
});

test('through the api: a JWT authenticates, its role decides, a token without a role gets 403, an unreachable IdP 503', async () => {
  const { app, written } = await testApp({ pool: fakeDb(), auth: { jwt: createJwtVerifier(config()) } });
  const bearer = async (claims: JWTPayload) => ({ authorization: `Bearer ${await token(claims)}` });
  const listed = await app.inject({ method: 'GET', url: '/charge-points', headers: await bearer({ sub: 'alice', csms_role: 'viewer' }) });
  assert.equal(listed.statusCode, 200, listed.body);
  const command = await app.inject({
    method: 'POST', url: '/charge-points/CP001/commands/Reset', payload: { type: 'Soft' }, headers: await bearer({ sub: 'alice', csms_role: ['operator'] }),
  });
  assert.equal(command.statusCode, 202, command.body);
  assert.equal(JSON.parse(written[0]!.value!.toString('utf8')).requestedBy, 'sub:alice');
  const roleless = await app.inject({ method: 'GET', url: '/charge-points', headers: await bearer({ sub: 'alice' }) });
  assert.equal(roleless.statusCode, 403);
  await app.close();

  const { app: down } = await testApp({ auth: { jwt: createJwtVerifier(config({ jwksUrl: new URL('http://127.0.0.1:1/jwks.json') })) } });
  const unavailable = await down.inject({ method: 'GET', url: '/charge-points', headers: await bearer({ sub: 'alice', csms_role: 'viewer' }) });
  assert.equal(unavailable.statusCode, 503);
  assert.equal(unavailable.json<{ error: { code: string } }>().error.code, 'AUTHENTICATION_UNAVAILABLE');
  await down.close();
});
