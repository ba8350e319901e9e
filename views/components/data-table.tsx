/**
 * A list table: `<div class="overflow-auto"><table class="striped">`, a header row of
 * `<th scope="col">` and a `<tbody>` with the caller's rows, or one full-width muted row saying
 * the list is empty. Header texts are escaped here; the rows are the caller's own JSX.
 *
 * ```tsx
 * <DataTable headers={["Name", "Created"]} empty="No API keys yet.">
 *   {apiKeys.map((apiKey) => <ApiKeyRow apiKey={apiKey} csrfToken={csrfToken} />)}
 * </DataTable>
 * ```
 *
 * A body that htmx also fetches on its own (a search or filter swapping `#campaign-rows`) is
 * rendered with `DataTableBody`, in the page via `body` and alone in the route.
 */
import { Html } from "@elysiajs/html";
import type { Children } from "@kitajs/html";

export interface DataTableBodyProps {
  /** The `<tbody>`'s id: the swap target of htmx requests that answer with the body alone. */
  id?: string;
  /** How many columns the empty-state row spans (the number of headers). */
  columns: number;
  /**
   * What the one row says when there are no rows: fixed text (`"No API keys yet."`) or JSX
   * (e.g. with a link). Rendered as is, so never user data. Absent: an empty `<tbody>`.
   */
  empty?: JSX.Element;
  /** The `<tr>` rows, usually `items.map(...)`; none (an empty array) shows `empty`. */
  children?: Children;
}

/** True when `children` holds at least one row (arrays of arrays included). */
function hasRows(children: Children): boolean {
  if (Array.isArray(children)) return children.some(hasRows);
  return children !== undefined && children !== null && children !== false && children !== "";
}

/** The `<tbody>` of a `DataTable`: the rows, or the empty-state row when there are none. */
export function DataTableBody({ id, columns, empty, children }: DataTableBodyProps) {
  return (
    <tbody id={id}>
      {hasRows(children) || empty === undefined ? (
        children
      ) : (
        <tr>
          <td colspan={String(columns)} class="muted">
            {empty}
          </td>
        </tr>
      )}
    </tbody>
  );
}

export interface DataTableProps extends Omit<DataTableBodyProps, "id" | "columns"> {
  /** Column headings, left to right (plain text, escaped here); their number is the colspan of `empty`. */
  headers: readonly string[];
  /** id of the `<tbody>` (an htmx swap target). */
  tbodyId?: string;
  /** Pico's zebra stripes; default true. */
  striped?: boolean;
  /** A ready `<tbody>` (a `DataTableBody` the route also answers alone); replaces `children`, `empty` and `tbodyId`. */
  body?: JSX.Element;
}

export function DataTable({ headers, tbodyId, striped = true, body, empty, children }: DataTableProps) {
  return (
    <div class="overflow-auto">
      <table class={striped ? "striped" : undefined}>
        <thead>
          <tr>
            {headers.map((header) => (
              <th scope="col" safe>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        {body !== undefined ? (
          body
        ) : (
          <DataTableBody id={tbodyId} columns={headers.length} empty={empty}>
            {children}
          </DataTableBody>
        )}
      </table>
    </div>
  );
}
