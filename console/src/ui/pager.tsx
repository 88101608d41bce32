/** Previous / next over a server-side page; the api counts the total. */
export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset: (offset: number) => void }) {
  const last = Math.min(total, offset + limit);
  return (
    <div class="pager" data-testid="pager">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>‹ Previous</button>
      <span>{total === 0 ? 'none' : `${offset + 1}–${last} of ${total}`}</span>
      <button type="button" disabled={last >= total} onClick={() => onOffset(offset + limit)}>Next ›</button>
    </div>
  );
}
