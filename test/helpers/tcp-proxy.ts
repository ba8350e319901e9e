/**
 * A TCP proxy between the app and PostgreSQL that a test can cut, to play a database outage
 * without stopping the machine's cluster (other suites share it).
 *
 * - `cut()`: drop every open connection and refuse new ones (as a stopped server does:
 *   the client sees a reset at once).
 * - `blackhole()`: drop every open connection, then accept new ones and forward nothing
 *   (as an unreachable host does: the client waits for its own timeout).
 * - `restore()`: forward again.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export type ProxyMode = "forward" | "cut" | "blackhole";

export interface TcpProxy {
  /** Port on 127.0.0.1 the proxy listens on. */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  mode(): ProxyMode;
  cut(): void;
  blackhole(): void;
  restore(): void;
  /** Connections accepted while forwarding, since the start. */
  accepted(): number;
  close(): Promise<void>;
}

/** Start a proxy on a free port of 127.0.0.1 that forwards to `target` (host:port). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let current: ProxyMode = "forward";
  let accepted = 0;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };

  const server: Server = createServer((client) => {
    track(client);
    if (current === "cut") return void client.resetAndDestroy();
    if (current === "blackhole") return;
    accepted += 1;
    const upstream = createConnection(target);
    track(upstream);
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    via(url) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    mode: () => current,
    cut() {
      current = "cut";
      dropAll();
    },
    blackhole() {
      current = "blackhole";
      dropAll();
    },
    restore() {
      current = "forward";
    },
    accepted: () => accepted,
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
