/**
 * The benchmark's verdict and its printed summary table.
 */
import type { WrkResult } from "./run-wrk";

/** The app should serve at least this share of the bare Bun.serve baseline's requests/s. */
const TARGET_RATIO = 0.35;
/** The first seconds after a start or a LISTEN reconnect: p99 within this multiple of the warm p99. */
const COLD_P99_FACTOR = 2;

export interface BenchReport {
  seconds: number;
  connections: number;
  threads: number;
  codes: number;
  app: WrkResult;
  /** The first seconds after the app's LISTEN connection came back from a cut. */
  reconnect: WrkResult;
  /** The first seconds after a restart on the same database. */
  cold: WrkResult;
  baseline: WrkResult;
  /** 302s the app served in the measured run (responses minus status >= 400). */
  served: number;
  /** Clicks that reached the database during the measured run. */
  persisted: number;
  /** Clicks the app's buffer dropped (whole run). */
  dropped: number;
  /** Exit code of the app after SIGTERM. */
  appExitCode: number;
}

/**
 * Everything that makes the run a failure (empty = pass). When wrk stops it drops the requests
 * still in flight (sent, no response counted); the app may have served and recorded them, so
 * up to that many more clicks than counted redirects is expected; fewer is a loss.
 */
export function findProblems(r: BenchReport): string[] {
  const problems: string[] = [];
  if (r.app.badStatus > 0) problems.push(`${r.app.badStatus} app responses with status >= 400`);
  if (r.baseline.badStatus > 0) problems.push(`${r.baseline.badStatus} baseline responses with status >= 400`);
  if (r.app.socketErrors > 0) problems.push(`${r.app.socketErrors} socket errors/timeouts against the app`);
  for (const [label, w] of [["after reconnect", r.reconnect], ["cold start", r.cold]] as const) {
    if (w.badStatus > 0) problems.push(`${w.badStatus} app responses with status >= 400 ${label}`);
    if (w.socketErrors > 0) problems.push(`${w.socketErrors} socket errors/timeouts against the app ${label}`);
  }
  if (r.persisted < r.served) problems.push(`${r.served - r.persisted} clicks lost`);
  const unanswered = r.app.sent - r.app.requests;
  if (r.persisted > r.served + unanswered) {
    problems.push(`${r.persisted - r.served} more clicks than redirects, only ${unanswered} requests were in flight`);
  }
  if (r.dropped > 0) problems.push(`${r.dropped} clicks dropped by the buffer`);
  if (r.appExitCode !== 0) problems.push(`app exited with code ${r.appExitCode} after SIGTERM`);
  return problems;
}

/** A cold-phase ratio line with its target (reported, not a failure: a shared machine is noisy). */
function coldLine(label: string, ratio: number): string {
  const verdict = ratio <= COLD_P99_FACTOR ? "met" : "NOT MET";
  return `  ${label.padEnd(26)}${`${ratio.toFixed(2)} x`.padStart(10)}   target <= ${COLD_P99_FACTOR} x: ${verdict}`;
}

/** The summary table, with the verdict on its last line. */
export function formatSummary(r: BenchReport, problems: string[]): string {
  const n = (v: number) => Math.round(v).toLocaleString("en-US");
  const ms = (v: number) => v.toFixed(2).padStart(9);
  const row = (label: string, w: WrkResult) =>
    `  ${label.padEnd(26)}${n(w.requestsPerSec).padStart(10)}${ms(w.p50Ms)}${ms(w.p99Ms)}`;
  const count = (label: string, v: number, note = "") => `  ${label.padEnd(26)}${n(v).padStart(10)}${note}`;
  const ratio = r.app.requestsPerSec / r.baseline.requestsPerSec;
  return [
    "",
    `Switchboard redirect benchmark: wrk -t${r.threads} -c${r.connections} -d${r.seconds}s, ${n(r.codes)} codes`,
    `  ${"".padEnd(26)}${"req/s".padStart(10)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}`,
    row("app  GET /s/:code", r.app),
    row("app cold start, first 2 s", r.cold),
    row("app after reconnect, 2 s", r.reconnect),
    row("baseline  Bun.serve 302", r.baseline),
    `  ${"app / baseline".padEnd(26)}${`${(ratio * 100).toFixed(1)} %`.padStart(10)}` +
      `   target >= ${TARGET_RATIO * 100} %: ${ratio >= TARGET_RATIO ? "met" : "NOT MET"}`,
    coldLine("cold start p99 / warm p99", r.cold.p99Ms / r.app.p99Ms),
    coldLine("reconnect p99 / warm p99", r.reconnect.p99Ms / r.app.p99Ms),
    "",
    count("redirects served", r.served),
    count("clicks persisted", r.persisted),
    count("in flight at wrk stop", r.app.sent - r.app.requests, "   sent, response not counted by wrk"),
    count("  of which recorded", Math.max(0, r.persisted - r.served), "   clicks beyond the redirects counted"),
    count("lost", Math.max(0, r.served - r.persisted)),
    count("dropped by buffer", r.dropped),
    count("status >= 400 (app)", r.app.badStatus),
    count("socket errors (app)", r.app.socketErrors),
    "",
    problems.length === 0 ? "PASS" : `FAIL: ${problems.join("; ")}`,
  ].join("\n");
}
