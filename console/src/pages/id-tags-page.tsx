// Id tags: everyone reads them; operators create, edit and delete them (POST / PUT / DELETE /id-tags).
import { useState } from 'preact/hooks';
import type { ApiError } from '../api/client.ts';
import { allows } from '../api/roles.ts';
import type { IdTag, IdTagStatus, Page } from '../api/types.ts';
import { formatTime, orDash } from '../format.ts';
import { isoOfLocal, localOfIso } from '../schema-form/form-values.ts';
import { Badge } from '../ui/badge.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { Pager } from '../ui/pager.tsx';
import { PAGE_SIZE } from '../ui/paged-table.tsx';
import { useSession } from '../ui/session-context.ts';
import { asApiError, useResource } from '../ui/use-resource.ts';

const STATUSES: readonly IdTagStatus[] = ['Accepted', 'Blocked', 'Expired', 'Invalid'];

interface Draft { idTag: string; status: IdTagStatus; expiry: string; parentIdTag: string }

const emptyDraft: Draft = { idTag: '', status: 'Accepted', expiry: '', parentIdTag: '' };
const draftOf = (tag: IdTag): Draft => ({
  idTag: tag.idTag, status: tag.status, expiry: tag.expiryDate === null ? '' : localOfIso(tag.expiryDate), parentIdTag: tag.parentIdTag ?? '',
});

function IdTagForm({ editing, onDone }: { editing: IdTag | null; onDone: () => void }) {
  const { api } = useSession();
  const [draft, setDraft] = useState<Draft>(editing === null ? emptyDraft : draftOf(editing));
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    // Empty fields clear the value (null), as the api's PUT reads them.
    const changes = { status: draft.status, expiryDate: draft.expiry === '' ? null : isoOfLocal(draft.expiry), parentIdTag: draft.parentIdTag.trim() || null };
    try {
      if (editing === null) await api.send('POST', '/id-tags', { idTag: draft.idTag.trim(), ...changes });
      else await api.send('PUT', `/id-tags/${encodeURIComponent(editing.idTag)}`, changes);
      onDone();
    } catch (cause) {
      setError(asApiError(cause));
    }
  }

  return (
    <form class="card filters" onSubmit={save} data-testid="id-tag-form">
      <label>Id tag<input required disabled={editing !== null} value={draft.idTag} data-testid="id-tag-field-idTag" onInput={(e) => set({ idTag: e.currentTarget.value })} /></label>
      <label>Status
        <select value={draft.status} data-testid="id-tag-field-status" onChange={(e) => set({ status: e.currentTarget.value as IdTagStatus })}>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label>Expires<input type="datetime-local" step={1} value={draft.expiry} data-testid="id-tag-field-expiryDate" onInput={(e) => set({ expiry: e.currentTarget.value })} /></label>
      <label>Parent id tag<input value={draft.parentIdTag} data-testid="id-tag-field-parentIdTag" onInput={(e) => set({ parentIdTag: e.currentTarget.value })} /></label>
      <div class="field-row">
        <button type="submit" class="primary" data-testid="id-tag-save">{editing === null ? 'Create' : 'Save'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
      <ErrorBox error={error} testId="id-tag-error" />
    </form>
  );
}

export function IdTagsPage() {
  const { api, me } = useSession();
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<IdTag | null | 'new'>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const tags = useResource(() => api.get<Page<IdTag>>('/id-tags', { limit: PAGE_SIZE, offset }), [offset]);
  const mayEdit = allows(me.role, 'operator');

  async function remove(tag: IdTag): Promise<void> {
    if (!confirm(`Delete id tag ${tag.idTag}?`)) return;
    try {
      await api.send('DELETE', `/id-tags/${encodeURIComponent(tag.idTag)}`);
      tags.reload();
    } catch (cause) {
      setError(asApiError(cause));
    }
  }
  const done = () => { setEditing(null); tags.reload(); };

  return (
    <main>
      <h1>Id tags {mayEdit && editing === null && <button type="button" data-testid="id-tag-new" onClick={() => setEditing('new')}>New id tag</button>}</h1>
      {editing !== null && <IdTagForm key={editing === 'new' ? '' : editing.idTag} editing={editing === 'new' ? null : editing} onDone={done} />}
      <ErrorBox error={tags.error ?? error} />
      {tags.data !== undefined && (
        <>
          <table data-testid="id-tags-table">
            <thead><tr><th>Id tag</th><th>Status</th><th>Expires</th><th>Parent</th><th>Token type</th><th>Updated</th>{mayEdit && <th />}</tr></thead>
            <tbody>
              {tags.data.items.map((tag) => (
                <tr key={tag.idTag} data-testid="id-tag-row" data-id-tag={tag.idTag}>
                  <td>{tag.idTag}</td><td><Badge text={tag.status} /></td><td>{formatTime(tag.expiryDate)}</td>
                  <td>{orDash(tag.parentIdTag)}</td><td>{orDash(tag.idTokenType)}</td><td>{formatTime(tag.updatedAt)}</td>
                  {mayEdit && (
                    <td class="field-row">
                      <button type="button" data-testid="id-tag-edit" onClick={() => setEditing(tag)}>Edit</button>
                      <button type="button" class="danger" data-testid="id-tag-delete" onClick={() => void remove(tag)}>Delete</button>
                    </td>
                  )}
                </tr>
              ))}
              {tags.data.items.length === 0 && <tr><td colSpan={7} class="empty">No id tag yet.</td></tr>}
            </tbody>
          </table>
          <Pager total={tags.data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </main>
  );
}
