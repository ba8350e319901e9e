/**
 * The benchmark's ceiling: a bare `Bun.serve` that answers every request with the same 302,
 * run as its own process on PORT (bench/redirect.ts starts and stops it). `/healthz` answers
 * 200 so the runner can wait for it the same way as for the app.
 */
const LOCATION = "https://adv.example/o1?cid=00000000-0000-7000-8000-000000000000&s1=bench&geo=US";

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  routes: { "/healthz": new Response("ok") },
  fetch() {
    return new Response(null, { status: 302, headers: { Location: LOCATION, "Cache-Control": "no-store" } });
  },
});

process.on("SIGTERM", () => {
  server.stop(true);
  process.exit(0);
});
