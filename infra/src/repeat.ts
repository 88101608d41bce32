// A background check every few seconds that never keeps a process alive by itself (unref), with
// the shape tests replace to drive the checks by hand.
export type RepeatUnref = (run: () => void, everyMs: number) => () => void;

export const repeatUnref: RepeatUnref = (run, everyMs) => {
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
};
