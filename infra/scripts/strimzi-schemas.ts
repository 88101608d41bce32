// Regenerates infra/deploy/k8s/schemas/kafka.strimzi.io/v1/<Kind>.json, the schemas the
// manifests' check (infra/deploy/check) holds the Strimzi resources to: each is the
// openAPIV3Schema of a CRD exactly as Strimzi's own build makes it (its CrdGenerator run over its
// api classes, both from Maven Central, with the arguments of Strimzi's api/pom.xml), less the
// descriptions, which are three quarters of its size. They are committed so that `npm test`
// checks the manifests offline and in milliseconds; run this when STRIMZI_VERSION changes or
// the manifests use another Strimzi kind:   npm run strimzi-schemas
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { findJava21 } from './stack/java.ts';
import { cacheDir } from './stack/paths.ts';
import { run } from './stack/processes.ts';

// The operator version the manifests are written for (infra/deploy/k8s/kafka/kafka.yaml).
const STRIMZI_VERSION = '1.2.0';
const API_VERSION = 'v1';
// The kinds the manifests use, by the api class that defines each.
const KINDS: Record<string, string> = {
  Kafka: 'io.strimzi.api.kafka.model.kafka.Kafka',
  KafkaNodePool: 'io.strimzi.api.kafka.model.nodepool.KafkaNodePool',
  KafkaTopic: 'io.strimzi.api.kafka.model.topic.KafkaTopic',
};

const home = join(cacheDir, `strimzi-crd-generator-${STRIMZI_VERSION}`);
const libs = join(home, 'libs');
const outDir = fileURLToPath(new URL(`../deploy/k8s/schemas/kafka.strimzi.io/${API_VERSION}/`, import.meta.url));

const pom = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.csms</groupId><artifactId>strimzi-crd-generator</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>${STRIMZI_VERSION}</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>${STRIMZI_VERSION}</version></dependency>
  </dependencies>
</project>
`;

async function fetchGenerator(): Promise<void> {
  const marker = join(libs, '.complete');
  if (existsSync(marker)) return;
  console.log(`fetching Strimzi ${STRIMZI_VERSION}'s api and crd-generator from Maven Central into ${home}`);
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'pom.xml'), pom);
  await run('mvn', ['-q', '-B', '-f', join(home, 'pom.xml'), 'dependency:copy-dependencies',
    `-DoutputDirectory=${libs}`, '-DincludeScope=runtime']);
  writeFileSync(marker, new Date().toISOString());
}

/** The CRDs as YAML files in the cache, one per kind. */
async function generateCrds(): Promise<Map<string, string>> {
  const files = new Map(Object.keys(KINDS).map((kind) => [kind, join(home, `${kind}.crd.yaml`)]));
  await run(findJava21("Strimzi's CRD generator"), [
    '-cp', join(libs, '*'), 'io.strimzi.crdgenerator.CrdGenerator',
    '--label', 'app:strimzi', '--label', 'strimzi.io/crd-install:true', '--target-kube', '1.16+',
    '--crd-api-version', 'v1', '--api-versions', API_VERSION, '--storage-version', API_VERSION,
    '--yaml', ...Object.entries(KINDS).map(([kind, apiClass]) => `${apiClass}=${files.get(kind)}`),
  ]);
  return files;
}

interface Crd { spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] } }

function schemaFile(kind: string, crdFile: string): string {
  const crd = parse(readFileSync(crdFile, 'utf8')) as Crd;
  const version = crd.spec.versions.find((v) => v.name === API_VERSION);
  if (!version) throw new Error(`${crdFile} has no ${API_VERSION} version`);
  const schema = {
    $comment: `Strimzi ${STRIMZI_VERSION}: the openAPIV3Schema of ${kind} kafka.strimzi.io/${API_VERSION}, without descriptions; made by infra/scripts/strimzi-schemas.ts`,
    ...version.schema.openAPIV3Schema,
  };
  // Only string-valued: a property named `description` is a schema and stays.
  return `${JSON.stringify(schema, (key, value: unknown) => (key === 'description' && typeof value === 'string' ? undefined : value), 1)}\n`;
}

await fetchGenerator();
const crds = await generateCrds();
mkdirSync(outDir, { recursive: true });
for (const [kind, crdFile] of crds) {
  writeFileSync(join(outDir, `${kind}.json`), schemaFile(kind, crdFile));
  console.log(`wrote ${join(outDir, `${kind}.json`)}`);
}
