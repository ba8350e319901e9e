/**
 * The server log: structured JSON lines (pino), one object per event, on stdout by default.
 * Built once by `startServer` and handed to the routes through `AppDeps.log`.
 *
 * Fields used across the app: `reqId` (the request's `x-request-id`), `method`, `path` (no query
 * string: queries carry sub-IDs and other visitor values), `status`, and `err` (pino's error
 * serializer: type, message, stack; database errors keep their SQLSTATE `code`).
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from "pino";

export type Logger = PinoLogger;

/** Levels accepted by `LOG_LEVEL`. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  /** Lowest level written; default "info". */
  level?: LogLevel;
  /** Where the JSON lines go; default stdout. Tests pass a stream that keeps the lines. */
  destination?: DestinationStream;
}

/** A JSON-lines logger with the app's base fields (`service: "switchboard"`). */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const options = { level: opts.level ?? "info", base: { service: "switchboard" } };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
