/**
 * Benchmark settings from the environment: BENCH_DURATION (seconds, default 15),
 * BENCH_CONNECTIONS (default 64), BENCH_CODES (default 5000).
 */

export interface BenchSettings {
  seconds: number;
  connections: number;
  codes: number;
  /** wrk threads: one per core of the 2-core target machine. */
  threads: number;
  /** Length of each wrk warm-up run, seconds. */
  warmupSeconds: number;
}

/**
 * Read and check the settings.
 * @throws Error naming every bad variable
 */
export function readSettings(env: Record<string, string | undefined>): BenchSettings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const v = Number(raw);
    if (Number.isInteger(v) && v >= min && v <= max) return v;
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  };
  const settings: BenchSettings = {
    seconds: int("BENCH_DURATION", 15, 1, 600),
    connections: int("BENCH_CONNECTIONS", 64, 2, 10_000),
    codes: int("BENCH_CODES", 5000, 1, 1_000_000),
    threads: 2,
    warmupSeconds: 3,
  };
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return settings;
}
