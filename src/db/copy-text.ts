/**
 * Encode rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL), for bulk
 * inserts with `COPY ... FROM STDIN`: far cheaper than a multi-row INSERT with bound
 * parameters, both in JavaScript and in the server (see docs/decisions/002-click-buffering.md).
 *
 * Format reference: PostgreSQL docs, COPY, "Text Format".
 */

export interface CopyColumn {
  /** Property of the row object (camelCase). */
  key: string;
  /** Used when the row has no value (undefined or null): the column default, or null. */
  fallback: unknown;
  /** Free text that may hold tabs, newlines or backslashes (others are written as they are). */
  text: boolean;
}

/** Escape one text value: backslash, tab, newline and carriage return; NUL bytes are dropped. */
export function escapeCopyText(value: string): string {
  // Fast path: most values (ids, codes, URLs) need no escaping.
  if (!/[\\\t\n\r\0]/.test(value)) return value;
  return value
    .replaceAll("\0", "")
    .replaceAll("\\", "\\\\")
    .replaceAll("\t", "\\t")
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r");
}

/** One value: null -> `\N`, Date -> ISO 8601 UTC, boolean -> t/f, others as text. */
function encodeValue(value: unknown, text: boolean): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return text ? escapeCopyText(value) : value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  return String(value);
}

/**
 * @param rows objects keyed by `CopyColumn.key`
 * @returns the COPY payload: one line per row, each ending in a newline
 */
export function encodeCopyRows(rows: readonly Record<string, unknown>[], columns: readonly CopyColumn[]): string {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      out += (i === 0 ? "" : "\t") + encodeValue(row[column.key] ?? column.fallback, column.text);
    }
    out += "\n";
  }
  return out;
}
