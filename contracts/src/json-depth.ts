// How deeply a JSON text nests, found without parsing it. JSON.parse copes with any depth,
// but JSON.stringify, ajv and every walk over the result recurse: a frame of 60,000 '['
// would overflow the stack in each of them. This linear scan runs first, and never recurses.

/** True when arrays and objects in `text` nest deeper than `max` (brackets inside strings do not count). */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character, a quote included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}
