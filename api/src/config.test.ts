import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { envReader } from '@csms/infra';
import { readApiConfig } from './config.ts';

function read(env: Record<string, string>) {
  const reader = envReader(env);
  const config = readApiConfig(reader);
  reader.done();
  return config;
}

test('defaults run on one machine: API keys only, no CORS, no sealing key', () => {
  const config = read({});
  assert.deepEqual([config.port, config.host, config.bodyLimitBytes], [4001, '0.0.0.0', 262144]);
  assert.deepEqual(config.rateLimit, { max: 1200, anonymousMax: 120, windowSeconds: 60 });
  assert.deepEqual([config.corsOrigins, config.jwt, config.adminApiKey, config.adminApiKeyFile, config.secretsKey], [[], null, null, null, null]);
  assert.equal(config.passwordGraceSeconds, 86_400);
});

test('identity provider, CORS origins, admin key and sealing key are read and checked', () => {
  const key = randomBytes(32);
  const config = read({
    CSMS_JWT_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json', CSMS_JWT_ISSUER: 'https://idp.example.com/',
    CSMS_JWT_ROLE_CLAIM: 'roles', CSMS_API_CORS_ORIGINS: 'https://ops.example.com, http://localhost:3000',
    CSMS_ADMIN_API_KEY: 'a'.repeat(32), CSMS_SECRETS_KEY: key.toString('base64'),
  });
  assert.equal(config.jwt?.jwksUrl.href, 'https://idp.example.com/.well-known/jwks.json');
  assert.deepEqual([config.jwt?.issuer, config.jwt?.audience, config.jwt?.roleClaim], ['https://idp.example.com/', null, 'roles']);
  assert.deepEqual(config.corsOrigins, ['https://ops.example.com', 'http://localhost:3000']);
  assert.equal(config.adminApiKey, 'a'.repeat(32));
  assert.deepEqual(config.secretsKey, key);
});

test('bad values stop the api with one message naming each', () => {
  assert.throws(() => read({
    CSMS_ADMIN_API_KEY: 'short', CSMS_API_CORS_ORIGINS: 'https://ops.example.com/path', CSMS_JWT_JWKS_URL: 'ftp://idp',
    CSMS_SECRETS_KEY: 'c2hvcnQ=',
  }), (error: Error) => ['CSMS_ADMIN_API_KEY', 'CSMS_API_CORS_ORIGINS', 'CSMS_JWT_JWKS_URL', 'CSMS_SECRETS_KEY'].every((name) => error.message.includes(name)));
  assert.throws(() => read({ CSMS_API_RATE_LIMIT: '0', CSMS_API_BODY_LIMIT_BYTES: '10' }), /CSMS_API_RATE_LIMIT: .*\n.*CSMS_API_BODY_LIMIT_BYTES|CSMS_API_BODY_LIMIT_BYTES[\s\S]*CSMS_API_RATE_LIMIT/);
});

test('the JWKS is fetched over https, or http to this host only', () => {
  for (const url of ['http://idp.example.com/jwks.json', 'http://10.0.0.5/jwks.json', 'http://[::2]/jwks.json', 'http://localhost.example.com/jwks.json']) {
    assert.throws(() => read({ CSMS_JWT_JWKS_URL: url, CSMS_JWT_AUDIENCE: 'csms' }), /CSMS_JWT_JWKS_URL: expected https \(http only to a loopback address\)/, url);
  }
  for (const url of ['https://idp.example.com/jwks.json', 'http://127.0.0.1:8080/jwks.json', 'http://127.1.2.3/jwks.json', 'http://[::1]:8080/jwks.json', 'http://localhost/jwks.json']) {
    assert.equal(read({ CSMS_JWT_JWKS_URL: url, CSMS_JWT_AUDIENCE: 'csms' }).jwt?.jwksUrl.href, new URL(url).href, url);
  }
});

test('with an identity provider, an audience or an issuer is required', () => {
  const jwks = 'https://idp.example.com/.well-known/jwks.json';
  assert.throws(() => read({ CSMS_JWT_JWKS_URL: jwks }), (error: Error) => error.message.includes('CSMS_JWT_AUDIENCE') && error.message.includes('CSMS_JWT_ISSUER'));
  assert.deepEqual(read({ CSMS_JWT_JWKS_URL: jwks, CSMS_JWT_AUDIENCE: 'csms' }).jwt?.audience, 'csms');
  assert.deepEqual(read({ CSMS_JWT_JWKS_URL: jwks, CSMS_JWT_ISSUER: 'https://idp.example.com/' }).jwt?.issuer, 'https://idp.example.com/');
  assert.equal(read({ CSMS_JWT_AUDIENCE: 'csms' }).jwt, null, 'no identity provider: API keys only');
});

test('the OCPI party defaults to NL/CSM and is checked as OCPI 2.2.1 writes it', () => {
  assert.deepEqual(read({}).ocpi, { countryCode: 'NL', partyId: 'CSM' });
  assert.deepEqual(read({ CSMS_OCPI_COUNTRY_CODE: 'DE', CSMS_OCPI_PARTY_ID: 'AB1' }).ocpi, { countryCode: 'DE', partyId: 'AB1' });
  assert.throws(() => read({ CSMS_OCPI_COUNTRY_CODE: 'nld', CSMS_OCPI_PARTY_ID: 'ab' }),
    (error: Error) => error.message.includes('CSMS_OCPI_COUNTRY_CODE') && error.message.includes('CSMS_OCPI_PARTY_ID'));
});
