// Where the built web console is: CSMS_CONSOLE_DIR, or console/dist of this checkout (npm start
// and npm test build it first). Null when there is no build there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHECKOUT_BUILD = fileURLToPath(new URL('../../console/dist', import.meta.url));

export function builtConsole(configured: string | null): string | null {
  const dir = configured ?? CHECKOUT_BUILD;
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
