/** The admin's smartlinks list: one card each, and the way to build a new one. */
import { Html } from "@elysiajs/html";
import type { Smartlink } from "../../../src/db/schema";
import type { SmartlinkCounters } from "../../../src/reports/smartlink-stats";
import { Page, type Viewer } from "../../layouts/page";
import { Flash } from "../../components/flash";
import { SmartlinkCard } from "./smartlink-card";

export interface SmartlinksPageProps {
  viewer: Viewer;
  smartlinks: Smartlink[];
  /** Per smartlink id; a missing entry means no offers and no publishers. */
  counters: Map<number, SmartlinkCounters>;
  notice?: string;
}

const NO_COUNTERS: SmartlinkCounters = { offers: 0, live: 0, pending: 0 };

export function SmartlinksPage({ viewer, smartlinks, counters, notice }: SmartlinksPageProps) {
  return (
    <Page title="Smartlinks" viewer={viewer}>
      <div class="page-head">
        <hgroup>
          <h1>Smartlinks</h1>
          <p>Each smartlink gives every approved publisher one link that rotates across a pool of offers.</p>
        </hgroup>
        <a href="/admin/smartlinks/new" class="button">
          New smartlink
        </a>
      </div>
      <Flash message={notice} />
      {smartlinks.length === 0 ? (
        <p class="muted">No smartlinks yet. Build one with New smartlink.</p>
      ) : (
        <div class="cards">
          {smartlinks.map((smartlink) => (
            <SmartlinkCard smartlink={smartlink} counters={counters.get(smartlink.id) ?? NO_COUNTERS} />
          ))}
        </div>
      )}
    </Page>
  );
}
