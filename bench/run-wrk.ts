/**
 * Run wrk with bench/redirect.lua against a base URL and read the result line its done()
 * prints. wrk's own report is echoed, indented, for the record.
 */
import { resolve } from "node:path";

const LUA_SCRIPT = resolve(import.meta.dir, "redirect.lua");

export interface WrkOptions {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  seconds: number;
  connections: number;
  threads: number;
  /** File of requests for the Lua script (see traffic.ts). */
  requestsFile: string;
  /** Label for the echoed report. */
  label: string;
}

export interface WrkResult {
  /** Requests sent, including those still in flight when wrk stopped. */
  sent: number;
  /** Responses received (wrk does not count requests still in flight when it stops). */
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with status >= 400 (wrk's "Non-2xx or 3xx responses"). */
  badStatus: number;
  /** Connect, read and write errors and timeouts. */
  socketErrors: number;
}

interface LuaResult {
  sent: number;
  requests: number;
  duration_us: number;
  bad_status: number;
  connect_errors: number;
  read_errors: number;
  write_errors: number;
  timeouts: number;
  p50_us: number;
  p99_us: number;
}

/**
 * Run `wrk --latency` for `seconds`; killed if it is still running 30 s later.
 * @throws when wrk fails or prints no result line
 */
export async function runWrk(opts: WrkOptions): Promise<WrkResult> {
  const args = [
    "wrk",
    `-t${opts.threads}`,
    `-c${opts.connections}`,
    `-d${opts.seconds}s`,
    "--timeout",
    "5s",
    "--latency",
    "-s",
    LUA_SCRIPT,
    opts.url,
  ];
  const wrk = Bun.spawn(args, {
    env: { ...process.env, BENCH_REQUESTS: opts.requestsFile },
    stdout: "pipe",
    stderr: "inherit",
  });
  const killer = setTimeout(() => wrk.kill("SIGKILL"), (opts.seconds + 30) * 1000);
  const output = await new Response(wrk.stdout).text();
  const code = await wrk.exited;
  clearTimeout(killer);

  const resultLine = output.split("\n").find((line) => line.startsWith("BENCH_RESULT "));
  const report = output.split("\n").filter((line) => line !== resultLine && line.trim() !== "");
  console.log(`\n[${opts.label}] ${args.join(" ")}\n${report.map((l) => `  ${l}`).join("\n")}`);
  if (code !== 0 || !resultLine) throw new Error(`wrk exited with code ${code} and no result line`);

  const r = JSON.parse(resultLine.slice("BENCH_RESULT ".length)) as LuaResult;
  return {
    sent: r.sent,
    requests: r.requests,
    requestsPerSec: r.requests / (r.duration_us / 1e6),
    p50Ms: r.p50_us / 1000,
    p99Ms: r.p99_us / 1000,
    badStatus: r.bad_status,
    socketErrors: r.connect_errors + r.read_errors + r.write_errors + r.timeouts,
  };
}
