import type { Command } from '../api/types.ts';
import { formatTime, orDash } from '../format.ts';
import { Badge } from '../ui/badge.tsx';

/** The station's commands, newest first, with where each is in its lifecycle. */
export function CommandsTable({ commands }: { commands: readonly Command[] }) {
  return (
    <section class="card">
      <h2>Commands</h2>
      <table data-testid="commands-table">
        <thead><tr><th>Action</th><th>Status</th><th>Requested</th><th>By</th><th>Sent</th><th>Completed</th><th>Answer</th></tr></thead>
        <tbody>
          {commands.map((command) => (
            <tr key={command.id} data-testid="command-row" data-command={command.id}>
              <td data-testid="command-action-cell">{orDash(command.action)}</td>
              <td><Badge text={command.status} testId="command-status" /></td>
              <td>{formatTime(command.requestedAt)}</td>
              <td>{orDash(command.requestedBy)}</td>
              <td>{formatTime(command.sentAt)}</td>
              <td>{formatTime(command.completedAt)}</td>
              <td class="mono">
                {command.errorCode != null ? `${command.errorCode}: ${command.errorDescription ?? ''}`
                  : command.response === undefined || command.response === null ? '—' : JSON.stringify(command.response)}
              </td>
            </tr>
          ))}
          {commands.length === 0 && <tr><td colSpan={7} class="empty">No command sent yet.</td></tr>}
        </tbody>
      </table>
    </section>
  );
}
