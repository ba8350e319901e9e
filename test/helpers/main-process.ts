/**
 * The real entry point as a child process: `bun src/main.ts` with a chosen environment and
 * working folder, its stdout collected so a test can wait for a line instead of sleeping.
 */
import { resolve } from "node:path";
import type { Subprocess } from "bun";

const MAIN = resolve(import.meta.dir, "../../src/main.ts");

/** Variables a test's own environment must not leak into the child (they change what it does). */
const CLEARED = [
  "DATABASE_URL",
  "DATA_DIR",
  "SEED_DEMO",
  "NODE_ENV",
  "INITIAL_API_KEY",
  "INITIAL_ADMIN_EMAIL",
  "INITIAL_ADMIN_PASSWORD",
  "PUBLIC_URL",
];

export interface MainProcess {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** Everything printed on stdout so far. */
  output(): string;
  /**
   * Wait until stdout matches `pattern`.
   * @returns the first capture group (or the whole match)
   * @throws when the process ends first, or after `ms` milliseconds
   */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Start `bun src/main.ts` on port 0.
 * @param env variables on top of the test's environment, from which `CLEARED` are removed
 * @param cwd working folder (default: the repository)
 */
export function startMain(env: Record<string, string>, cwd = resolve(import.meta.dir, "../..")): MainProcess {
  const base: Record<string, string | undefined> = { ...process.env, PORT: "0" };
  for (const name of CLEARED) delete base[name];
  const proc = Bun.spawn([process.execPath, MAIN], {
    cwd,
    env: { ...base, ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  let text = "";
  let ended = false;
  // Read from the start, so a chatty child never blocks on a full stderr pipe.
  const stderr = new Response(proc.stderr).text();
  const stderrText = () => stderr;
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    const reader = proc.stdout.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      for (const wake of waiters) wake();
    }
    ended = true;
    for (const wake of waiters) wake();
  })();

  return {
    proc,
    output: () => text,
    waitFor(pattern, ms = 60_000) {
      return new Promise((resolvePromise, reject) => {
        let settled = false;
        const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms; stdout: ${text}`)), ms);
        const check = () => {
          const match = text.match(pattern);
          if (match) finish(null, match[1] ?? match[0]);
          else if (ended) {
            void stderrText().then((errText) => {
              finish(new Error(`process ended before printing ${pattern}; stdout: ${text}; stderr: ${errText}`));
            });
          }
        };
        const finish = (err: Error | null, value?: string) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          waiters.delete(check);
          if (err) reject(err);
          else resolvePromise(value!);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}
