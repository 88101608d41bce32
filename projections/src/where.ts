// The WHERE clause of a read model's filter: each condition given with its value, numbered from
// $1 in order; the conditions whose value is undefined are left out. Pure, for tests.
export interface Where {
  readonly sql: string;
  readonly values: unknown[];
}

/** `condition` holds one `?` where the value goes; a value of undefined drops the condition. */
export function whereOf(conditions: ReadonlyArray<readonly [condition: string, value: unknown]>): Where {
  const clauses: string[] = [];
  const values: unknown[] = [];
  for (const [condition, value] of conditions) {
    if (value === undefined) continue;
    values.push(value);
    clauses.push(condition.replace('?', `$${values.length}`));
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, values };
}

/** An ISO date-time bound, or undefined (no bound). */
export function dateOrUndefined(text: string | undefined): Date | undefined {
  return text === undefined ? undefined : new Date(text);
}
