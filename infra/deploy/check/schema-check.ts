// Each document against its schema: a custom resource against its CRD's (crd-schema.ts), any
// other kind against Kubernetes' own (kubernetes-schema.ts). A kind with neither is a problem,
// not a pass.
import { customResourceProblems } from './crd-schema.ts';
import { builtInProblems, metadataProblems } from './kubernetes-schema.ts';

export async function schemaProblems(doc: Record<string, unknown>): Promise<string[]> {
  const custom = customResourceProblems(doc);
  if (custom !== null) return [...custom, ...metadataProblems(doc.metadata)];
  return (await builtInProblems(doc))
    ?? [`no schema for ${String(doc.apiVersion)} ${String(doc.kind)}: not a Kubernetes kind, nor a CRD kept in infra/deploy/k8s/schemas`];
}
