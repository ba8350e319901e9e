/**
 * bun test preload: fail any test that logs an unexpected console.error (epic-stack rule), so an
 * error swallowed into a log cannot pass silently. The timeout is set by `bun test --timeout`
 * (package.json), which, unlike setDefaultTimeout here, applies to every file.
 */
import { afterEach } from "bun:test";

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
