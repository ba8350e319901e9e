/**
 * bun test preload: a 30 s default timeout for tests and hooks, and fail any test that logs an unexpected console.error (epic-stack rule),
 * so an error swallowed into a log cannot pass silently.
 */
import { afterEach, setDefaultTimeout } from "bun:test";

// Servers, PGlite and chromium start in hooks; on a loaded 2-core machine that can pass 5 s.
setDefaultTimeout(30_000);

let errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  const seen = errors;
  errors = [];
  if (seen.length > 0) throw new Error(`console.error was called during the test: ${String(seen[0]?.[0])}`);
});
