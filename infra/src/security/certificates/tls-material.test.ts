import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevelopmentCa, type CreatedCertificateAuthority } from './certificate-authority.ts';
import { CertificateError } from './certificate-errors.ts';
import { issueServerCertificate, type IssuedCertificate } from './issue-certificate.ts';
import { loadTlsMaterial, type TlsMaterial, type TlsMaterialPaths } from './tls-material.ts';
import { watchTlsMaterial } from './tls-material-watch.ts';

const NOW = new Date();
let dir: string;
let ca: CreatedCertificateAuthority;
let first: IssuedCertificate;
let second: IssuedCertificate;

function server(): Promise<IssuedCertificate> {
  return issueServerCertificate(ca, { commonName: 'localhost', dnsNames: ['localhost'], ipAddresses: [], validityDays: 1, now: NOW });
}

function hasCode(code: string) {
  return (error: unknown) => error instanceof CertificateError && error.code === code;
}

/** A secret volume as Kubernetes writes it: files behind `..data`, a symlink swapped to each new version. */
async function writeVersion(root: string, version: string, files: { cert: string; key: string; ca: string }): Promise<void> {
  await mkdir(join(root, version));
  await writeFile(join(root, version, 'tls.crt'), files.cert);
  await writeFile(join(root, version, 'tls.key'), files.key);
  await writeFile(join(root, version, 'ca.crt'), files.ca);
  await symlink(version, join(root, '..data_tmp'));
  await rename(join(root, '..data_tmp'), join(root, '..data'));
}

async function linkFiles(root: string): Promise<void> {
  for (const name of ['tls.crt', 'tls.key', 'ca.crt']) await symlink(join('..data', name), join(root, name));
}

function secretPaths(root: string): TlsMaterialPaths {
  return { certPath: join(root, 'tls.crt'), keyPath: join(root, 'tls.key'), caPath: join(root, 'ca.crt') };
}

/** Events of a watcher as a queue the test awaits one by one. */
function eventQueue() {
  const pending: Array<{ kind: 'change'; material: TlsMaterial } | { kind: 'error'; error: unknown }> = [];
  let wake: (() => void) | null = null;
  const push = (event: (typeof pending)[number]) => { pending.push(event); wake?.(); };
  return {
    onChange: (material: TlsMaterial) => push({ kind: 'change', material }),
    onError: (error: unknown) => push({ kind: 'error', error }),
    /** The next change, skipping errors the test does not look for. */
    async nextChange(): Promise<TlsMaterial> {
      for (;;) {
        const event = pending.shift();
        if (event?.kind === 'change') return event.material;
        if (event === undefined) await new Promise<void>((resolve) => { wake = resolve; });
      }
    },
    async nextError(matches: (error: unknown) => boolean): Promise<unknown> {
      for (;;) {
        const event = pending.shift();
        if (event?.kind === 'error' && matches(event.error)) return event.error;
        if (event === undefined) await new Promise<void>((resolve) => { wake = resolve; });
      }
    },
  };
}

describe('TLS material', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'csms-tls-'));
    ca = await createDevelopmentCa({ commonName: 'Material CA', validityDays: 1, now: NOW });
    [first, second] = await Promise.all([server(), server()]);
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('loads certificate, key and CA as secure context options', async () => {
    const root = join(dir, 'load');
    await mkdir(root);
    await writeVersion(root, '..v1', { cert: first.certificatePem, key: first.privateKeyPem, ca: ca.certificatePem });
    await linkFiles(root);
    assert.deepEqual(await loadTlsMaterial(secretPaths(root)), { cert: first.certificatePem, key: first.privateKeyPem, ca: ca.certificatePem });
    const { caPath: _ca, ...withoutCa } = secretPaths(root);
    assert.deepEqual(await loadTlsMaterial(withoutCa), { cert: first.certificatePem, key: first.privateKeyPem });
  });

  it('refuses a key that is not the certificate\'s, and files it cannot read', async () => {
    const root = join(dir, 'bad');
    await mkdir(root);
    await writeVersion(root, '..v1', { cert: first.certificatePem, key: second.privateKeyPem, ca: ca.certificatePem });
    await linkFiles(root);
    await assert.rejects(loadTlsMaterial(secretPaths(root)), hasCode('TLS_MATERIAL_INVALID'));
    await assert.rejects(loadTlsMaterial({ ...secretPaths(root), certPath: join(root, 'missing.crt') }), hasCode('TLS_MATERIAL_UNREADABLE'));
  });

  it('follows a Kubernetes secret through its symlink swaps, reporting only material that loads', { timeout: 20_000 }, async () => {
    const root = join(dir, 'watched');
    await mkdir(root);
    const events = eventQueue();
    // Watched before the files exist: node reports the missing files once, which shows the polls have started.
    const watch = watchTlsMaterial({ paths: secretPaths(root), intervalMs: 20, ...events });
    // The watcher does not keep a process alive; this test's process has nothing else to.
    const keepAlive = setInterval(() => {}, 60_000);
    try {
      await events.nextError(hasCode('TLS_MATERIAL_UNREADABLE'));
      await writeVersion(root, '..v1', { cert: first.certificatePem, key: first.privateKeyPem, ca: ca.certificatePem });
      await linkFiles(root);
      assert.equal((await events.nextChange()).cert, first.certificatePem);
      // Half a rotation: a new certificate beside the old key is reported, not served.
      await writeVersion(root, '..v2', { cert: second.certificatePem, key: first.privateKeyPem, ca: ca.certificatePem });
      await events.nextError(hasCode('TLS_MATERIAL_INVALID'));
      await writeVersion(root, '..v3', { cert: second.certificatePem, key: second.privateKeyPem, ca: ca.certificatePem });
      const rotated = await events.nextChange();
      assert.deepEqual(rotated, { cert: second.certificatePem, key: second.privateKeyPem, ca: ca.certificatePem });
    } finally {
      watch.stop();
      clearInterval(keepAlive);
    }
  });
});
