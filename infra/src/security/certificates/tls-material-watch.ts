// Follows the TLS files so a rotated certificate is served without a restart
// (`server.setSecureContext(material)`). fs.watchFile polls stat(), which follows symlinks: a
// Kubernetes secret volume swaps a `..data` symlink to a new directory, changing the inode
// behind every path at once, while fs.watch would go on watching the old files.
// The watchers do not keep the process alive.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { loadTlsMaterial, sameTlsMaterial, type TlsMaterial, type TlsMaterialPaths } from './tls-material.ts';

export interface TlsMaterialWatchOptions {
  readonly paths: TlsMaterialPaths;
  /** How often to stat each file. */
  readonly intervalMs: number;
  /** The material in use now: a change back to it is not reported. */
  readonly initial?: TlsMaterial;
  /** Fresh, checked material after any of the files changed. */
  readonly onChange: (material: TlsMaterial) => void;
  /** The files changed but do not load (missing, half-written, key and certificate apart), or onChange threw. */
  readonly onError: (error: unknown) => void;
}

export interface TlsMaterialWatch {
  stop(): void;
}

export function watchTlsMaterial(options: TlsMaterialWatchOptions): TlsMaterialWatch {
  const { certPath, keyPath, caPath } = options.paths;
  const files = caPath === undefined ? [certPath, keyPath] : [certPath, keyPath, caPath];
  let last: TlsMaterial | null = options.initial ?? null;
  let loading = false;
  let changedMeanwhile = false;
  let stopped = false;

  async function loadOnce(): Promise<void> {
    try {
      const material = await loadTlsMaterial(options.paths);
      if (stopped || sameTlsMaterial(material, last)) return;
      last = material;
      options.onChange(material);
    } catch (error) {
      if (!stopped) options.onError(error);
    }
  }

  /** One load at a time; changes seen during a load make one more load after it. */
  async function reload(): Promise<void> {
    if (loading) {
      changedMeanwhile = true;
      return;
    }
    loading = true;
    do {
      changedMeanwhile = false;
      await loadOnce();
    } while (changedMeanwhile && !stopped);
    loading = false;
  }

  const listener = (_current: Stats, _previous: Stats): void => { void reload(); };
  for (const file of files) watchFile(file, { interval: options.intervalMs, persistent: false }, listener);
  return {
    stop() {
      stopped = true;
      for (const file of files) unwatchFile(file, listener);
    },
  };
}
