// Apicurio Registry 3.x from Maven Central (its runnable Quarkus assembly), serving the
// Confluent-compatible API at /apis/ccompat/v7 and storing schemas in PostgreSQL so
// schema ids survive restarts. Apicurio 3.3 needs Java 21 or newer.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase } from '../../src/databases.ts';
import { findJava21 } from './java.ts';
import { REGISTRY_VERSION, cacheDir } from './paths.ts';
import { answersOk, readyOrKilled, run, startProcess, type Managed } from './processes.ts';

const registryHome = join(cacheDir, `apicurio-registry-${REGISTRY_VERSION}`);

export async function fetchRegistry(): Promise<void> {
  const marker = join(registryHome, '.complete');
  if (existsSync(marker)) return;
  console.log(`fetching Apicurio Registry ${REGISTRY_VERSION} from Maven Central into ${registryHome}`);
  mkdirSync(registryHome, { recursive: true });
  await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=io.apicurio:apicurio-registry-app:${REGISTRY_VERSION}:tar.gz:all`,
    `-DoutputDirectory=${cacheDir}`]);
  await run('tar', ['-xzf', join(cacheDir, `apicurio-registry-app-${REGISTRY_VERSION}-all.tar.gz`), '-C', registryHome]);
  writeFileSync(marker, new Date().toISOString());
}

export interface RegistryOptions {
  readonly port: number;
  /** postgres://… URL of the database holding the registry's own tables. */
  readonly databaseUrl: string;
  readonly logFile: string;
}

export async function startRegistry({ port, databaseUrl, logFile }: RegistryOptions): Promise<Managed> {
  await createDatabase(databaseUrl, 'keep');
  const db = new URL(databaseUrl);
  const env = {
    ...process.env,
    QUARKUS_HTTP_HOST: '127.0.0.1',
    QUARKUS_HTTP_PORT: String(port),
    // Its management interface (health, metrics) is built in and listens on 9000 unless told
    // otherwise: beside the API's port instead, so that two stacks (npm start, npm test) can share a machine.
    QUARKUS_MANAGEMENT_HOST: '127.0.0.1',
    QUARKUS_MANAGEMENT_PORT: String(port + 1),
    QUARKUS_LOG_CONSOLE_JSON: 'false',
    APICURIO_STORAGE_KIND: 'sql',
    APICURIO_STORAGE_SQL_KIND: 'postgresql',
    APICURIO_DATASOURCE_URL: `jdbc:postgresql://${db.host}${db.pathname}`,
    APICURIO_DATASOURCE_USERNAME: decodeURIComponent(db.username || 'postgres'),
    APICURIO_DATASOURCE_PASSWORD: decodeURIComponent(db.password || 'unused'),
  };
  const registry = startProcess('registry', findJava21('the schema registry'), ['-Xms128m', '-Xmx512m', '-jar', join(registryHome, 'quarkus-run.jar')],
    { env, cwd: registryHome, logFile });
  // Its global compatibility level: ready once it reads its storage, at a cost that does not grow with the schemas it holds.
  const url = `http://127.0.0.1:${port}/apis/ccompat/v7/config`;
  return readyOrKilled(registry, 'schema registry', () => answersOk(url), 120_000);
}
