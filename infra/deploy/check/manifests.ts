// The documents `kubectl apply -k` would send, read from a kustomization without kustomize
// (which no registry this project reaches ships): its resources, followed into nested
// kustomizations. Its namespace and images fields are not applied, as they change no document's
// validity; any other field (patches, generators, components…) would, so it is refused here
// rather than silently skipped.
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface Manifest {
  /** Where it was read, relative to the folder the caller named. */
  readonly file: string;
  readonly doc: Record<string, unknown>;
}

const NEUTRAL_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images']);

/**
 * Every document of a YAML file. YAML 1.1, as kubectl reads it (so 0440 is octal and `on` a
 * boolean); empty documents (a leading `---`) are dropped, as kubectl does.
 */
export function readYaml(path: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(path, 'utf8'), { version: '1.1' }).flatMap((document) => {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
    const doc: unknown = document.toJS();
    if (doc === null) return [];
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${path}: a document that is not a mapping`);
    return [doc as Record<string, unknown>];
  });
}

function kustomizationIn(dir: string): Record<string, unknown> {
  const [kustomization] = readYaml(join(dir, 'kustomization.yaml'));
  if (!kustomization) throw new Error(`${dir}/kustomization.yaml is empty`);
  const unapplied = Object.keys(kustomization).filter((field) => !NEUTRAL_FIELDS.has(field));
  if (unapplied.length > 0) {
    throw new Error(`${dir}/kustomization.yaml: ${unapplied.join(', ')} not applied by this check (infra/deploy/check/manifests.ts)`);
  }
  return kustomization;
}

/** The documents of the kustomization in `root`, in the order of its resources. */
export function readKustomization(root: string, dir = root): Manifest[] {
  const { resources = [] } = kustomizationIn(dir) as { resources?: string[] };
  return resources.flatMap((resource) => {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) return readKustomization(root, path);
    return readYaml(path).map((doc) => ({ file: relative(root, path), doc }));
  });
}
