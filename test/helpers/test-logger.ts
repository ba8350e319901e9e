/**
 * Loggers for tests. `consoleErrorLogger` (the test server's default) turns every `error` line
 * into a console.error, so the preload's guard fails a test that hits an unexpected 500.
 * `captureLogger` keeps every line for a test that expects errors and reads the log.
 */
import { createLogger, type Logger } from "../../src/log/logger";

/** Log lines at `error` and above go to console.error; the rest is dropped. */
export function consoleErrorLogger(): Logger {
  return createLogger({ level: "error", destination: { write: (line: string) => console.error(line.trimEnd()) } });
}

/** A logger at `debug` that keeps each line, parsed, in `lines`. */
export function captureLogger(): { logger: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}
