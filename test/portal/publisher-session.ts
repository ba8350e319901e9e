/**
 * A signed-in (or anonymous) portal visitor over real HTTP for the publisher portal tests:
 * keeps the session cookie, sends the Origin header and the CSRF token like a browser form.
 */
import { expect } from "bun:test";
import type { TestServer } from "../helpers/test-server";

/** A visitor without a session; `signUp` and `signIn` turn it into a signed-in one. */
export function portalSession(server: TestServer) {
  let cookie = "";
  let csrf = "";
  const keepCookie = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (pair!.startsWith("sb_session=")) cookie = pair!;
    }
  };
  const headers = (htmx?: boolean): Record<string, string> => ({
    cookie,
    origin: server.url,
    ...(htmx ? { "hx-request": "true" } : {}),
  });
  const session = {
    /** The `sb_session=...` pair this session sends. */
    get cookie() {
      return cookie;
    },
    async get(path: string, opts: { htmx?: boolean } = {}) {
      const res = await server.get(path, { headers: headers(opts.htmx) });
      keepCookie(res);
      return res;
    },
    async post(path: string, form: Record<string, string> = {}, opts: { htmx?: boolean } = {}) {
      const body = new URLSearchParams(csrf ? { _csrf: csrf, ...form } : form);
      const res = await server.get(path, { method: "POST", headers: headers(opts.htmx), body });
      keepCookie(res);
      return res;
    },
    async page(path: string) {
      const res = await session.get(path);
      expect(res.status).toBe(200);
      return res.text();
    },
    /** Read the CSRF token of the current session from a portal page. */
    async refreshCsrf(home: string) {
      const html = await session.page(home);
      csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    },
    async signIn(email: string, password: string) {
      const res = await session.post("/login", { email, password });
      expect(res.status).toBe(303);
      await session.refreshCsrf(res.headers.get("location")!);
    },
    /** Sign up through the form (which leads to the sign-in page), then sign in. */
    async signUp(name: string, email: string, password = "correct horse battery") {
      const res = await session.post("/signup", { name, email, password });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/login?notice=signed_up");
      await session.signIn(email, password);
    },
  };
  return session;
}

export type PortalSession = ReturnType<typeof portalSession>;
