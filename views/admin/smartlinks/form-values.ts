/**
 * What the smartlink builder shows: every field as the text typed (or stored), so a form sent
 * back with errors keeps exactly what was typed. Field names are the wire names of the API and
 * of `ValidationError.errors`: `name`, `fallback_url`, `pool.0.campaign_id`, `pool.1.devices`...
 */

/** One offer pool row. `devices` holds the ticked values (`mobile`, `tablet`, `desktop`). */
export interface PoolRowValues {
  campaign_id: string;
  weight: string;
  priority: string;
  /** ISO codes separated by commas or spaces. */
  countries: string;
  devices: string[];
}

/** The whole builder form. */
export interface SmartlinkFormValues {
  name: string;
  description: string;
  /** Comma separated. */
  tags: string;
  visibility: string;
  /** A host, or "" for the default (PUBLIC_URL). */
  tracking_domain: string;
  fallback_url: string;
  rotation: string;
  optimize_for: string;
  exploration_clicks: string;
  pool: PoolRowValues[];
}

/** Error message per form field name (one per field). */
export type FormErrors = Record<string, string>;

/** A new pool row: weight 100, priority 1 (the service's defaults), any country and device. */
export const EMPTY_POOL_ROW: PoolRowValues = { campaign_id: "", weight: "100", priority: "1", countries: "", devices: [] };
