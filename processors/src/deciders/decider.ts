// The shape every piece of business logic takes (after Emmett): a pure function from a
// command and the current state to the events it causes, and a pure fold of events into
// state. Replies to the station are events too, so a decider never performs I/O.
export interface Decider<Command, Event, State> {
  readonly name: string;
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  /** Returns the same object when the event changes nothing, so callers can skip a snapshot. */
  evolve(state: State, event: Event): State;
}

export interface Decision<Event, State> {
  readonly events: readonly Event[];
  readonly state: State;
}

export function runDecider<Command, Event, State>(
  decider: Decider<Command, Event, State>, command: Command, state: State,
): Decision<Event, State> {
  const events = decider.decide(command, state);
  return { events, state: events.reduce((current, event) => decider.evolve(current, event), state) };
}
