/**
 * Demo landing page of a demo offer: shows which offer was reached and every value the
 * tracking link passed on through the destination URL's macros.
 */
import { Html } from "@elysiajs/html";

export interface DemoOfferPageProps {
  offerId: string;
  /** Query parameters received, in arrival order. */
  params: [string, string][];
}

export function DemoOfferPage({ offerId, params }: DemoOfferPageProps) {
  return (
    <>
      {"<!doctype html>"}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title safe>Demo offer {offerId}</title>
          <link rel="stylesheet" href="/public/demo.css" />
        </head>
        <body>
          <h1 id="offer" safe>
            Demo offer {offerId}
          </h1>
          <p>You reached this advertiser landing page through a Switchboard smartlink.</p>
          <table>
            <thead>
              <tr>
                <th>Parameter</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {params.map(([name, value]) => (
                <tr>
                  <th safe>{name}</th>
                  <td data-param={name} safe>
                    {value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </body>
      </html>
    </>
  );
}
