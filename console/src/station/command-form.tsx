// Sends an OCPP command to the station: the actions its version allows (GET /ocpp-schemas/{version}),
// a form generated from the official request schema, POST /charge-points/{id}/commands/{action}.
import { useMemo, useState } from 'preact/hooks';
import type { ApiError } from '../api/client.ts';
import type { Command, OcppSchemas } from '../api/types.ts';
import { collect, defaultValue, setAt, type FormValue } from '../schema-form/form-values.ts';
import { SchemaField } from '../schema-form/schema-field.tsx';
import { formOf } from '../schema-form/schema-model.ts';
import { ErrorBox } from '../ui/error-box.tsx';
import { useSession } from '../ui/session-context.ts';
import { asApiError, useResource } from '../ui/use-resource.ts';

interface Props {
  readonly chargePointId: string;
  /** The station's protocol; a station never seen is sent OCPP 1.6, as the api does. */
  readonly protocol: string | null;
  readonly onSent: (command: Command) => void;
}

export function CommandForm({ chargePointId, protocol, onSent }: Props) {
  const { api } = useSession();
  const version = protocol === 'ocpp2.0.1' ? 'ocpp2.0.1' : 'ocpp1.6';
  const schemas = useResource(() => api.get<OcppSchemas>(`/ocpp-schemas/${version}`), [version]);
  const [action, setAction] = useState('');
  const command = schemas.data?.commands.find((c) => c.action === action);
  const form = useMemo(() => (command === undefined ? undefined : formOf(command.schema)), [command]);
  const [value, setValue] = useState<FormValue>({});
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [sent, setSent] = useState<Command | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  function choose(next: string): void {
    setAction(next);
    const chosen = schemas.data?.commands.find((c) => c.action === next);
    setValue(chosen === undefined ? {} : defaultValue(formOf(chosen.schema)));
    setProblems(new Map());
    setError(undefined);
    setSent(undefined);
  }

  async function send(event: Event): Promise<void> {
    event.preventDefault();
    if (form === undefined) return;
    const body = collect(form, value);
    setProblems(new Map(body.problems.map((p) => [p.path, p.message])));
    setError(undefined);
    setSent(undefined);
    if (body.problems.length > 0) return;
    setBusy(true);
    try {
      const answer = await api.send<Command>('POST', `/charge-points/${encodeURIComponent(chargePointId)}/commands/${action}`, body.value ?? {});
      setSent(answer);
      onSent({ ...answer, action });
    } catch (cause) {
      const failure = asApiError(cause);
      setError(failure);
      setProblems(new Map(failure.problems.map((p) => [p.path, p.message ?? p.code])));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card schema-form" onSubmit={send} data-testid="command-form">
      <h2>Send a command <span class="muted">({version})</span></h2>
      <ErrorBox error={schemas.error} />
      <label>
        Action
        <select value={action} data-testid="command-action" onChange={(e) => choose(e.currentTarget.value)}>
          <option value="">— choose —</option>
          {schemas.data?.commands.map((c) => <option key={c.action} value={c.action}>{c.action}</option>)}
        </select>
      </label>
      {form?.fields.map((field) => (
        <SchemaField
          key={`${action}.${field.name}`} node={field} path={[field.name]}
          value={(value as Record<string, FormValue>)[field.name] ?? ''} problems={problems}
          onChange={(path, next) => setValue((current) => setAt(current, path, next))}
        />
      ))}
      {form !== undefined && form.fields.length === 0 && <p class="muted">This command has no fields.</p>}
      <div>
        <button type="submit" class="primary" disabled={busy || form === undefined} data-testid="command-send">Send {action}</button>
      </div>
      {problems.size > 0 && error === undefined && <p class="problem" data-testid="command-problems">Check the marked fields.</p>}
      <ErrorBox error={error} testId="command-error" />
      {sent !== undefined && <p class="ok-box" data-testid="command-sent">Sent as command <code>{sent.id}</code>; its status follows under Commands.</p>}
    </form>
  );
}
