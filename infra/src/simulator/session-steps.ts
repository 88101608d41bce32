// How a scripted session (the 1.6 seed workflow, the 2.0.1 session) plays its steps: each CALL is
// sent, recorded and told exactly as it was sent, and a step that fails ends the session with an
// error naming it, instead of playing on. A step fails when its CALL does (a CALLERROR, a closed
// socket, a timeout), or when the answer refuses what the rest of the session needs: a boot not
// Accepted (Pending or Rejected: the CSMS takes no other message yet, OCPP 1.6 §4.2, 2.0.1 B02/B03)
// or an id token not Accepted (a real station starts no transaction for it).

export interface WorkflowStep {
  readonly action: string;
  readonly request: object;
  readonly response: unknown;
}

/**
 * Told each step once it is answered, and awaited before the next is sent, so what it prints (the
 * simulator's running cost) stays between the steps it follows.
 */
export type StepListener = (step: WorkflowStep) => void | Promise<void>;

export class SessionStepError extends Error {
  readonly code = 'SESSION_STEP_FAILED';
  readonly retriable = false;
  constructor(readonly action: string, reason: string, options?: ErrorOptions) {
    super(`${action} ${reason}`, options);
  }
}

const field = (value: unknown, key: string): unknown =>
  (typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined);

/** Where the answer says whether the session may go on, in either version (1.6 idTagInfo, 2.0.1 idTokenInfo). */
const verdicts: Readonly<Record<string, (response: unknown) => unknown>> = {
  BootNotification: (response) => field(response, 'status'),
  Authorize: (response) => field(field(response, 'idTagInfo') ?? field(response, 'idTokenInfo'), 'status'),
};

/** What an operator does about a refusal, said with it. */
const remedies: Readonly<Record<string, string>> = {
  BootNotification: 'register the station (POST /charge-points) or set CSMS_UNKNOWN_STATION_POLICY=accept',
  Authorize: 'add the id tag (POST /id-tags with status Accepted) or pass one the CSMS knows with --id-tag',
};

function refusalOf(action: string, response: unknown): string | undefined {
  if (!Object.hasOwn(verdicts, action)) return undefined;
  const status = verdicts[action]!(response);
  return status === 'Accepted' ? undefined : `answered ${JSON.stringify(status)}: ${remedies[action]}`;
}

export interface SessionSteps {
  readonly steps: WorkflowStep[];
  step<Response>(action: string, request: object): Promise<Response>;
}

export function sessionSteps(
  call: <Response>(action: string, request: object) => Promise<Response>, onStep: StepListener,
): SessionSteps {
  const steps: WorkflowStep[] = [];
  return {
    steps,
    async step<Response>(action: string, request: object): Promise<Response> {
      let response: Response;
      try {
        response = await call<Response>(action, request);
      } catch (error) {
        throw new SessionStepError(action, `failed: ${(error as Error).message}`, { cause: error });
      }
      const entry = { action, request, response };
      steps.push(entry);
      await onStep(entry);
      const refusal = refusalOf(action, response);
      if (refusal !== undefined) throw new SessionStepError(action, refusal);
      return response;
    },
  };
}
