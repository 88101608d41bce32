// An explicit gate for end-to-end tests: `reached` resolves once `count` parties wait at it, and
// they go on only when the test opens it, so a crash or a check falls at a known point, not on a clock.
export interface Gate {
  readonly reached: Promise<void>;
  open(): void;
  wait(): Promise<void>;
}

export function gate(count: number): Gate {
  let arrived = 0;
  let allThere: () => void = () => {};
  let release: () => void = () => {};
  const reached = new Promise<void>((resolve) => { allThere = resolve; });
  const opened = new Promise<void>((resolve) => { release = resolve; });
  return {
    reached,
    open: () => release(),
    async wait() {
      arrived += 1;
      if (arrived === count) allThere();
      await opened;
    },
  };
}
