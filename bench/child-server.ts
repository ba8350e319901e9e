/**
 * The servers under test run as real separate processes: pick a free port, spawn
 * `bun <script>`, wait until a URL answers 200, and stop with SIGTERM (SIGKILL if it hangs).
 */
import { resolve } from "node:path";

/** The repository root: children run from here, as `bun run start` would. */
export const REPO = resolve(import.meta.dir, "..");

/** A port that was free a moment ago on 127.0.0.1 (bind port 0, read it, close). */
function freePort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

export interface ChildServer {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** SIGTERM, wait up to `graceMs`, then SIGKILL. Resolves with the exit code. Idempotent. */
  stop(graceMs?: number): Promise<number>;
}

export interface ChildServerOptions {
  /** Script and arguments after `bun`, relative to the repository root. */
  args: string[];
  /** Added to this process's environment; PORT is set by `startChildServer`. */
  env: Record<string, string>;
  /** Path polled until it answers 200. */
  readyPath: string;
  /** Give up (and kill the child) after this long. */
  readyTimeoutMs: number;
}

/**
 * Start `bun <args>` on a free port and wait until `readyPath` answers 200.
 * @throws when the child exits early or is not ready in time (the child is killed)
 */
export async function startChildServer(opts: ChildServerOptions): Promise<ChildServer> {
  const port = freePort();
  const child = Bun.spawn([process.execPath, ...opts.args], {
    cwd: REPO,
    env: { ...process.env, ...opts.env, PORT: String(port) },
    stdout: "inherit",
    stderr: "inherit",
  });
  let stopping: Promise<number> | null = null;
  const server: ChildServer = {
    url: `http://127.0.0.1:${port}`,
    stop(graceMs = 15_000) {
      stopping ??= (async () => {
        if (child.exitCode === null) child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
        const code = await child.exited;
        clearTimeout(timer);
        return code;
      })();
      return stopping;
    },
  };

  const deadline = Date.now() + opts.readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${opts.args.join(" ")} exited with code ${child.exitCode}`);
    const status = await fetch(`${server.url}${opts.readyPath}`).then(
      (r) => r.arrayBuffer().then(() => r.status),
      () => 0,
    );
    if (status === 200) return server;
    if (Date.now() > deadline) {
      await server.stop(1000);
      const what = `${opts.args.join(" ")} on ${server.url}${opts.readyPath}`;
      throw new Error(`${what} not ready within ${opts.readyTimeoutMs} ms`);
    }
    await Bun.sleep(100);
  }
}
