/**
 * My reports: the date range form and one table per grouping. `ReportTables` is the htmx swap
 * target of the form.
 */
import { Html } from "@elysiajs/html";
import type { Counts, PublisherReport, ReportRange } from "../../src/reports/publisher-report";
import { Page, type Viewer } from "../layouts/page";

/** The whole My reports page. */
export function ReportsPage({ viewer, report }: { viewer: Viewer; report: PublisherReport }) {
  return (
    <Page title="My reports" viewer={viewer}>
      <h1>My reports</h1>
      <p class="muted">
        Your clicks by day, smartlink, sub-ID, country and device. Dates are UTC days. Test clicks are left out; clicks from
        bots are counted apart. Conversions and earnings appear here once your network records them.
      </p>
      <RangeForm range={report.range} />
      <ReportTables report={report} />
    </Page>
  );
}

function RangeForm({ range }: { range: ReportRange }) {
  return (
    <form
      method="get"
      action="/publisher/reports"
      class="report-range"
      hx-get="/publisher/reports"
      hx-target="#report-tables"
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      <div class="grid">
        <label>
          From
          <input type="date" name="from" value={range.from} required />
        </label>
        <label>
          To
          <input type="date" name="to" value={range.to} required />
        </label>
        <button type="submit">Show</button>
      </div>
    </form>
  );
}

/** The report's tables for one range. */
export function ReportTables({ report }: { report: PublisherReport }) {
  const none = (value: string | null) => value ?? "—";
  return (
    <div id="report-tables">
      <p safe>
        {`${report.range.from} to ${report.range.to}: ${plural(report.totals.clicks, "click")}, ${report.totals.bots} from bots.`}
      </p>
      <CountTable caption="By day" heads={["Day"]} rows={report.byDay.map((r) => ({ keys: [r.day], ...r }))} />
      <CountTable
        caption="By smartlink"
        heads={["Smartlink"]}
        rows={report.bySmartlink.map((r) => ({ keys: [r.name ?? `Deleted smartlink #${r.smartlinkId}`], ...r }))}
      />
      <CountTable
        caption="By sub-ID"
        heads={["pub_sub", "sub1"]}
        rows={report.bySubId.map((r) => ({ keys: [none(r.pubSub), none(r.sub1)], ...r }))}
      />
      <CountTable
        caption="By country"
        heads={["Country"]}
        rows={report.byCountry.map((r) => ({ keys: [r.country ?? "Unknown"], ...r }))}
      />
      <CountTable caption="By device" heads={["Device"]} rows={report.byDevice.map((r) => ({ keys: [r.device], ...r }))} />
    </div>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

interface CountTableProps {
  caption: string;
  heads: string[];
  rows: (Counts & { keys: string[] })[];
}

function CountTable({ caption, heads, rows }: CountTableProps) {
  return (
    <section>
      <h2 safe>{caption}</h2>
      {rows.length === 0 ? (
        <p class="muted">No clicks in this range.</p>
      ) : (
        <div class="overflow-auto">
          <table class="report">
            <thead>
              <tr>
                {heads.map((head) => (
                  <th scope="col" safe>
                    {head}
                  </th>
                ))}
                <th scope="col" class="number">
                  Clicks
                </th>
                <th scope="col" class="number">
                  Bot clicks
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  {row.keys.map((key) => (
                    <td safe>{key}</td>
                  ))}
                  <td class="number" safe>
                    {String(row.clicks)}
                  </td>
                  <td class="number" safe>
                    {String(row.bots)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
