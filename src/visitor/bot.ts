/**
 * Bot detection by User-Agent with the `isbot` pattern list.
 */
import { isbot } from "isbot";

/**
 * True for crawlers (Googlebot, bingbot, AhrefsBot, facebookexternalhit...), HTTP libraries and
 * tools (`curl/8.5.0`, `Wget`, `python-requests`, `Go-http-client`), headless browsers
 * (HeadlessChrome) and User-Agents that look like no browser at all: isbot treats a single token
 * without spaces (e.g. "abc") as a bot. An empty or blank User-Agent is a bot too (isbot itself
 * lets "" through; browsers always send one).
 *
 * @param userAgent the User-Agent header ("" when missing)
 * @returns whether the click should be treated as automated. Never throws.
 */
export function isBotUserAgent(userAgent: string): boolean {
  return userAgent.trim() === "" || isbot(userAgent);
}
