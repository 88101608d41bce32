// A failpoint for crash tests (CSMS_PROCESSOR_HOLD_BEFORE_COMMIT=<file>): every batch stops once
// its outputs are produced and before its commit, and says so by writing the file, so a test can
// kill the process exactly between producing a transaction and committing it, without a clock.
import { writeFileSync } from 'node:fs';
import type { Logger } from '@csms/infra';

export function holdBeforeCommit(markerFile: string, logger: Logger): (partition: number) => Promise<void> {
  return async (partition) => {
    logger.warn({ partition, markerFile }, 'failpoint: holding this batch before its commit until the process is killed');
    writeFileSync(markerFile, String(partition));
    await new Promise<never>(() => {});
  };
}
