// One line per schema violation, led by the field's JSON pointer: what a reader of a failed check needs.
import type { ErrorObject } from 'ajv';

export function describeErrors(errors: readonly ErrorObject[], at = ''): string[] {
  return errors.map((error) => {
    const path = `${at}${error.instancePath}`;
    const { additionalProperty, allowedValues } = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
    if (additionalProperty !== undefined) return `${path}/${additionalProperty} is not a field of its schema`;
    const allowed = allowedValues ? `: ${allowedValues.join(', ')}` : '';
    return `${path || '/'} ${error.message ?? error.keyword}${allowed}`;
  });
}
