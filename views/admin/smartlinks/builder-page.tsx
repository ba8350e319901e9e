/**
 * The smartlink builder, for a new smartlink and for editing one: basics, the offer pool (rows
 * added and removed in place) and the rotation. A plain form post: errors come back on the same
 * page (422) next to their fields, with everything as typed.
 */
import { Html } from "@elysiajs/html";
import { Page, type Viewer } from "../../layouts/page";
import { Flash } from "../../components/flash";
import { FieldError, FormField, type FieldOptions } from "../../components/form-field";
import type { FormErrors, SmartlinkFormValues } from "./form-values";
import { AddOfferButton, PoolRow } from "./pool-row";
import { OPTIMIZE_CHOICES, ROTATION_CHOICES, VISIBILITY_CHOICES } from "./labels";

export interface SmartlinkBuilderPageProps {
  viewer: Viewer;
  /** "New smartlink" or "Edit <name>". */
  title: string;
  /** Where the form posts (the page's own URL). */
  action: string;
  /** "Create smartlink" or "Save smartlink". */
  submitLabel: string;
  values: SmartlinkFormValues;
  errors: FormErrors;
  /** `[campaign id, label]` of every campaign. */
  offers: FieldOptions;
  /** `[host, label]` of the tracking domain choices, the default ("") first. */
  trackingDomains: FieldOptions;
  /** Where Cancel goes. */
  cancelHref: string;
}

export function SmartlinkBuilderPage(props: SmartlinkBuilderPageProps) {
  const { values, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Page title={props.title} viewer={props.viewer}>
      <hgroup>
        <h1 safe>{props.title}</h1>
        <p>One tracking link per publisher, rotating across the offers in its pool.</p>
      </hgroup>
      <Flash kind="error" message={hasErrors ? "Some fields need a change: see the messages below." : ""} />
      <form method="post" action={props.action} class="smartlink-builder" novalidate>
        <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
        <article>
          <h2>Smartlink basics</h2>
          <FormField
            label="Name"
            name="name"
            value={values.name}
            error={errors.name}
            required
            hint="Your label for it; publishers see it too."
            attrs={{ maxlength: "200" }}
          />
          <FormField label="Description" name="description" value={values.description} error={errors.description} multiline />
          <FormField
            label="Tags"
            name="tags"
            value={values.tags}
            error={errors.tags}
            hint="Comma separated, e.g. summer, apps."
          />
          <fieldset aria-describedby={errors.visibility ? "visibility-error" : undefined}>
            <legend>Visibility</legend>
            {VISIBILITY_CHOICES.map(([value, label, meaning]) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`visibility-${value}`}
                  name="visibility"
                  value={value}
                  checked={values.visibility === value}
                  aria-describedby={`visibility-${value}-hint`}
                />
                <label for={`visibility-${value}`}>{label}</label>
                <small class="muted" id={`visibility-${value}-hint`}>
                  {meaning}
                </small>
              </div>
            ))}
            <FieldError forId="visibility" message={errors.visibility} />
          </fieldset>
          <FormField
            label="Tracking domain"
            name="tracking_domain"
            value={values.tracking_domain}
            options={props.trackingDomains}
            error={errors.tracking_domain}
            hint="The host of the publishers' /s/… links."
          />
          <FormField
            label="Fallback URL"
            name="fallback_url"
            type="url"
            value={values.fallback_url}
            error={errors.fallback_url}
            placeholder="https://example.com/offers"
            hint="Where a click goes when no offer fits it (all paused, or excluded by country or device). Blank: the network default."
          />
        </article>

        <article>
          <h2>Offer pool</h2>
          <p class="muted">
            One row per campaign. Weight sets the share of traffic among offers of the same priority; priority 1 is
            tried before 2. Countries (ISO codes like US, GB) and devices narrow who sees an offer; leave them empty for
            everyone.
          </p>
          <FieldError forId="pool" message={errors.pool} />
          <div id="pool-rows">
            {values.pool.map((row, index) => (
              <PoolRow index={index} row={row} offers={props.offers} errors={errors} />
            ))}
          </div>
          <AddOfferButton nextIndex={values.pool.length} />
        </article>

        <article class="rotation">
          <h2>Rotation</h2>
          <fieldset aria-describedby={errors.rotation ? "rotation-error" : undefined}>
            <legend>How clicks are shared</legend>
            {ROTATION_CHOICES.map(([value, label, meaning]) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`rotation-${value}`}
                  name="rotation"
                  value={value}
                  checked={values.rotation === value}
                  aria-describedby={`rotation-${value}-hint`}
                />
                <label for={`rotation-${value}`}>{label}</label>
                <small class="muted" id={`rotation-${value}-hint`}>
                  {meaning}
                </small>
              </div>
            ))}
            <FieldError forId="rotation" message={errors.rotation} />
          </fieldset>
          <div class="auto-options">
            <FormField
              label="Optimize for"
              name="optimize_for"
              value={values.optimize_for}
              options={OPTIMIZE_CHOICES}
              error={errors.optimize_for}
              hint="Profit and Revenue need the campaigns' revenue figures."
            />
            <FormField
              label="Untouched clicks budget"
              name="exploration_clicks"
              type="number"
              value={values.exploration_clicks}
              error={errors.exploration_clicks}
              hint="Clicks each offer gets before the optimizer judges it."
              attrs={{ min: "0", step: "1", inputmode: "numeric" }}
            />
          </div>
        </article>

        <div class="actions">
          <button type="submit" safe>
            {props.submitLabel}
          </button>
          <a href={props.cancelHref} role="button" class="secondary outline">
            Cancel
          </a>
        </div>
      </form>
    </Page>
  );
}
