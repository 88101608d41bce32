// The environment the manifests give each CSMS container, checked against the service it runs:
// every variable set is one the service reads (a misspelt or retired name is otherwise ignored
// without a word), every literal value is one it accepts, and every ConfigMap and Secret it is
// taken from exists, with the key named (the Secrets in secrets.example.yaml).
import type { Manifest } from './manifests.ts';
import { isService, readAs } from './service-env.ts';

// The image name the manifests give the CSMS image (kustomization.yaml's images rewrites it).
const CSMS_IMAGE = 'csms';

interface KeyRef { name?: string; key?: string; optional?: boolean }
interface EnvVar { name: string; value?: unknown; valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef } }
interface EnvFrom { prefix?: string; configMapRef?: KeyRef; secretRef?: KeyRef }
interface Container { name?: string; image?: string; args?: unknown[]; env?: EnvVar[]; envFrom?: EnvFrom[] }
interface Workload { kind?: string; metadata?: { name?: string }; spec?: { template?: { spec?: { containers?: Container[] } } } }

/** Name to data (values unknown for Secrets: the example holds placeholders) of each object of a kind. */
function dataOf(manifests: readonly Manifest[], kind: 'ConfigMap' | 'Secret'): Map<string, Map<string, string | undefined>> {
  return new Map(manifests.filter(({ doc }) => doc.kind === kind).map(({ doc }) => {
    const { metadata, data = {}, stringData = {} } = doc as { metadata: { name: string }; data?: object; stringData?: object };
    const entries = Object.entries({ ...data, ...stringData }).map(([key, value]) => [key, kind === 'ConfigMap' ? String(value) : undefined] as const);
    return [metadata.name, new Map(entries)];
  }));
}

interface Sources { configMaps: ReturnType<typeof dataOf>; secrets: ReturnType<typeof dataOf> }

/** The container's variables, each with its value when the manifests hold it, and the problems of their sources. */
function environmentOf(container: Container, { configMaps, secrets }: Sources): { env: Map<string, string | undefined>; problems: string[] } {
  const env = new Map<string, string | undefined>();
  const problems: string[] = [];
  const source = (kind: 'ConfigMap' | 'Secret', ref: KeyRef) => {
    const data = (kind === 'ConfigMap' ? configMaps : secrets).get(ref.name ?? '');
    if (data === undefined && ref.optional !== true) problems.push(`takes from ${kind} ${ref.name}, which the manifests do not define`);
    return data;
  };
  for (const { prefix = '', configMapRef, secretRef } of container.envFrom ?? []) {
    const [kind, ref] = configMapRef ? ['ConfigMap' as const, configMapRef] : ['Secret' as const, secretRef ?? {}];
    for (const [key, value] of source(kind, ref) ?? []) env.set(`${prefix}${key}`, value);
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    const [kind, ref] = valueFrom?.configMapKeyRef ? ['ConfigMap' as const, valueFrom.configMapKeyRef] : ['Secret' as const, valueFrom?.secretKeyRef];
    if (ref) {
      const data = source(kind, ref);
      if (data && !data.has(ref.key ?? '') && ref.optional !== true) problems.push(`${name}: ${kind} ${ref.name} has no key ${ref.key}`);
    }
    // A fieldRef or a Secret's value is known only in the cluster: its name is still checked.
    env.set(name, value === undefined || ref ? undefined : String(value));
  }
  return { env, problems };
}

/** The problems with what `service` makes of `env`: variables it never reads, values it refuses. */
export function serviceEnvProblems(service: string, env: ReadonlyMap<string, string | undefined>): string[] {
  if (!isService(service)) return [`runs "${service}", which is no CSMS service`];
  const known = Object.fromEntries([...env].filter((entry): entry is [string, string] => entry[1] !== undefined));
  const { read, refusal } = readAs(service, known);
  return [
    ...(refusal === null ? [] : [`${service} refuses its configuration: ${refusal}`]),
    ...[...env.keys()].filter((name) => !read.has(name)).map((name) => `sets ${name}, which ${service} never reads`),
  ];
}

export interface CsmsContainer {
  /** File, workload and container, for the problems' messages. */
  readonly where: string;
  readonly container: Container;
}

/** Every container of the manifests' workloads that runs the CSMS image. */
export function csmsContainers(manifests: readonly Manifest[]): CsmsContainer[] {
  return manifests.flatMap(({ file, doc }) => {
    const workload = doc as Workload;
    return (workload.spec?.template?.spec?.containers ?? []).filter((container) => container.image === CSMS_IMAGE)
      .map((container) => ({ where: `${file} ${workload.kind}/${workload.metadata?.name} container ${container.name}`, container }));
  });
}

/** The problems of every CSMS container of the manifests' workloads; `secrets` are the Secrets they expect. */
export function containerEnvProblems(manifests: readonly Manifest[], secrets: readonly Manifest[]): string[] {
  const sources = { configMaps: dataOf(manifests, 'ConfigMap'), secrets: dataOf(secrets, 'Secret') };
  return csmsContainers(manifests).flatMap(({ where, container }) => {
    const { env, problems } = environmentOf(container, sources);
    // Without args the image runs its CMD, help.
    return [...problems, ...serviceEnvProblems(String(container.args?.[0] ?? 'help'), env)].map((problem) => `${where}: ${problem}`);
  });
}
