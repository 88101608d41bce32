// Which fields a schema validator knows, seen from the outside. kubernetes-models' validators
// (compiled from the Kubernetes OpenAPI schema) check the types of the fields a schema declares
// but let any other field through, where `kubectl apply` refuses it (strict field validation).
// A compiled validator reads exactly the declared fields of an object, and every key of a map,
// so a key it never read is one the schema does not declare.

type Json = Record<string, unknown> | unknown[];

/** `value` behind proxies that note, per object or array, which keys were read. */
function tracked(value: unknown, reads: WeakMap<object, Set<PropertyKey>>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const read = new Set<PropertyKey>();
  reads.set(value, read);
  const children = new Map<PropertyKey, unknown>();
  return new Proxy(value as Json, {
    get(target, key) {
      read.add(key);
      if (!children.has(key)) children.set(key, tracked(Reflect.get(target, key), reads));
      return children.get(key);
    },
  });
}

/** JSON pointers of the keys never read, the outermost only (what lies under an unread key was not read either). */
function unread(value: unknown, reads: WeakMap<object, Set<PropertyKey>>, path: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  const read = reads.get(value) ?? new Set();
  return Object.entries(value).flatMap(([key, child]) => {
    const pointer = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    // A proxy sees array indices as strings too, as Object.entries gives them.
    return read.has(key) ? unread(child, reads, pointer) : [pointer];
  });
}

/** Runs `validate` over `value` and returns the JSON pointers of the fields it never looked at. */
export function keysNeverRead(value: object, validate: (tracked: object) => void): string[] {
  const reads = new WeakMap<object, Set<PropertyKey>>();
  validate(tracked(value, reads) as object);
  return unread(value, reads, '');
}
