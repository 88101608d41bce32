// One server-side page of a list as a table, with the pager under it: the frame every list page shares.
import type { ComponentChildren } from 'preact';
import type { Page } from '../api/types.ts';
import { Pager } from './pager.tsx';

/** Rows per page of every list (the api allows 1..500). */
export const PAGE_SIZE = 50;

interface PagedTableProps<T> {
  readonly page: Page<T>;
  readonly offset: number;
  readonly onOffset: (offset: number) => void;
  readonly testId: string;
  readonly columns: readonly string[];
  /** One keyed <tr> per item. */
  readonly row: (item: T) => ComponentChildren;
  /** What an empty page says. */
  readonly empty: string;
}

export function PagedTable<T>({ page, offset, onOffset, testId, columns, row, empty }: PagedTableProps<T>) {
  return (
    <>
      <table data-testid={testId}>
        <thead><tr>{columns.map((column, i) => <th key={i}>{column}</th>)}</tr></thead>
        <tbody>
          {page.items.map(row)}
          {page.items.length === 0 && <tr><td colSpan={columns.length} class="empty">{empty}</td></tr>}
        </tbody>
      </table>
      <Pager total={page.total} limit={PAGE_SIZE} offset={offset} onOffset={onOffset} />
    </>
  );
}
