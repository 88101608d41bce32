import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateError } from './certificate-errors.ts';
import { chainsTo } from './certificate-identity.ts';
import { ensureDevCertificates, type DevCertificates } from './dev-certificates.ts';
import { loadTlsMaterial } from './tls-material.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const DAY = 86_400_000;
let root: string;

async function contents(paths: DevCertificates): Promise<string[]> {
  return Promise.all([paths.certPath, paths.keyPath, paths.caPath, paths.caKeyPath].map((path) => readFile(path, 'utf8')));
}

describe('ensureDevCertificates', () => {
  before(async () => { root = await mkdtemp(join(tmpdir(), 'csms-dev-certs-')); });
  after(() => rm(root, { recursive: true, force: true }));

  it('creates a CA and a server certificate for this host in a fresh directory, keys private', async () => {
    const dir = join(root, 'fresh', 'tls');
    const paths = await ensureDevCertificates(dir, { now: NOW, hostname: 'csms-box' });
    assert.deepEqual(paths, {
      certPath: join(dir, 'server.pem'), keyPath: join(dir, 'server-key.pem'), caPath: join(dir, 'ca.pem'), caKeyPath: join(dir, 'ca-key.pem'),
    });
    assert.equal((await stat(paths.keyPath)).mode & 0o777, 0o600);
    assert.equal((await stat(paths.caKeyPath)).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    const [serverPem, , caPem] = await contents(paths);
    assert.equal(await chainsTo(serverPem ?? '', caPem ?? '', NOW), true);
    const server = new X509Certificate(serverPem ?? '');
    assert.deepEqual(server.subjectAltName?.split(', ').sort(), ['DNS:csms-box', 'DNS:localhost', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:127.0.0.1']);
    assert.equal(server.checkHost('localhost'), 'localhost');
    assert.equal(server.checkIP('127.0.0.1'), '127.0.0.1');
    await loadTlsMaterial(paths);
  });

  it('reuses what it made, and renews only the server certificate when it is about to expire or missing', async () => {
    const dir = join(root, 'reuse');
    const paths = await ensureDevCertificates(dir, { now: NOW });
    const made = await contents(paths);
    await ensureDevCertificates(dir, { now: new Date(NOW.getTime() + 300 * DAY) });
    assert.deepEqual(await contents(paths), made, 'two months before the server certificate expires');
    await ensureDevCertificates(dir, { now: new Date(NOW.getTime() + 340 * DAY) });
    const renewed = await contents(paths);
    assert.notEqual(renewed[0], made[0]);
    assert.notEqual(renewed[1], made[1]);
    assert.deepEqual(renewed.slice(2), made.slice(2), 'the same CA');
    await rm(paths.certPath);
    await ensureDevCertificates(dir, { now: NOW });
    assert.equal(await chainsTo(await readFile(paths.certPath, 'utf8'), made[2] ?? '', NOW), true);
  });

  it('will not replace a CA whose key or certificate went missing', async () => {
    const dir = join(root, 'half');
    const paths = await ensureDevCertificates(dir, { now: NOW });
    await rm(paths.caKeyPath);
    await assert.rejects(
      ensureDevCertificates(dir, { now: NOW }), (error: unknown) => error instanceof CertificateError && error.code === 'CA_UNREADABLE',
    );
  });
});
