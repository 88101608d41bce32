// A background check every few seconds that never keeps a process alive by itself (unref), with
// the shape tests replace to drive the checks by hand.
export type RepeatUnref = (run: () => void, everyMs: number) => () => void;

export const repeatUnref: RepeatUnref = (run, everyMs) => {
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
};

export interface Sampler {
  /** Runs the work now, or joins the run in flight. */
  sample(): Promise<void>;
  stop(): void;
}

/**
 * `work` every `everyMs`, one run at a time, so a slow broker or database does not pile runs up;
 * a failed run is handed to `onError` and the next goes on (a gauge keeps its last values).
 */
export function sampleEvery(work: () => Promise<void>, everyMs: number, onError: (error: unknown) => void, repeat: RepeatUnref = repeatUnref): Sampler {
  let running: Promise<void> | null = null;
  const sample = (): Promise<void> => {
    running ??= work().catch(onError).finally(() => { running = null; });
    return running;
  };
  return { sample, stop: repeat(() => void sample(), everyMs) };
}
