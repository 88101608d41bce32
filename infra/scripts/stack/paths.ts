// Where the local stack keeps downloads and data: outside the work tree, so a fresh clone
// on the same machine reuses the jars, and a second `npm start` keeps its data.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const KAFKA_VERSION = '3.9.1';
export const REGISTRY_VERSION = '3.3.3';

export const cacheDir = process.env.CSMS_CACHE_DIR ?? join(homedir(), '.cache', 'csms');
export const dataDir = process.env.CSMS_DATA_DIR ?? join(homedir(), '.local', 'share', 'csms');
