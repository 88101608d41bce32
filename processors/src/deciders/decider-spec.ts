// Given/When/Then for deciders, after Emmett's DeciderSpecification: the state is built only
// from past events, so a test reads as the story of a charge point.
import assert from 'node:assert/strict';
import type { Decider } from './decider.ts';

export interface DeciderSpec<Command, Event, State> {
  when(command: Command): {
    then(expected: readonly Event[]): void;
    thenState(check: (state: State, events: readonly Event[]) => void): void;
  };
}

export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(past: readonly Event[]): DeciderSpec<Command, Event, State> {
      const state = past.reduce((current, event) => decider.evolve(current, event), decider.initialState);
      return {
        when(command) {
          const events = decider.decide(command, state);
          const after = () => events.reduce((current, event) => decider.evolve(current, event), state);
          return {
            then: (expected) => assert.deepEqual(events, expected),
            thenState: (check) => check(after(), events),
          };
        },
      };
    },
  };
}
