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

/** Props of `ChoiceFieldset`. */
interface ChoiceFieldsetProps {
  legend: string;
  /** The radios' form field name; also the prefix of their ids (`<name>-<value>`). */
  name: string;
  /** `[value, label, meaning]` of each radio; the meaning is its hint. */
  choices: readonly (readonly [value: string, label: string, meaning: string])[];
  /** The checked value. */
  value: string;
  /** Error message under the group (id `<name>-error`). */
  error?: string;
}

/** A radio group with a hint under each choice and the group's error at the end. */
function ChoiceFieldset({ legend, name, choices, value, error }: ChoiceFieldsetProps) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend safe>{legend}</legend>
      {choices.map(([choice, label, meaning]) => (
        <div class="choice">
          <input
            type="radio"
            id={`${name}-${choice}`}
            name={name}
            value={choice}
            checked={value === choice}
            aria-describedby={`${name}-${choice}-hint`}
          />
          <label for={`${name}-${choice}`} safe>
            {label}
          </label>
          <small class="muted" id={`${name}-${choice}-hint`} safe>
            {meaning}
          </small>
        </div>
      ))}
      <FieldError forId={name} message={error} />
    </fieldset>
  );
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
          <ChoiceFieldset
            legend="Visibility"
            name="visibility"
            choices={VISIBILITY_CHOICES}
            value={values.visibility}
            error={errors.visibility}
          />
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
          <ChoiceFieldset
            legend="How clicks are shared"
            name="rotation"
            choices={ROTATION_CHOICES}
            value={values.rotation}
            error={errors.rotation}
          />
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
          <a href={props.cancelHref} class="button secondary outline">
            Cancel
          </a>
        </div>
      </form>
    </Page>
  );
}
