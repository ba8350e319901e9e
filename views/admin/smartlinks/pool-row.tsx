/**
 * One row of the builder's offer pool (swap target: appended to `#pool-rows` by "Add offer",
 * removed in place by its "Remove" button), and the "Add offer" button that carries the next
 * free row index (replaced out of band each time a row is added).
 */
import { Html } from "@elysiajs/html";
import { FieldError, FormField, fieldId, type FieldOptions } from "../../components/form-field";
import type { FormErrors, PoolRowValues } from "./form-values";
import { DEVICE_CHOICES } from "./labels";

export interface PoolRowProps {
  /** Row index in the field names (`pool.<index>.weight`). */
  index: number;
  row: PoolRowValues;
  /** `[campaign id, label]` of every campaign. */
  offers: FieldOptions;
  errors: FormErrors;
}

export function PoolRow({ index, row, offers, errors }: PoolRowProps) {
  const at = `pool.${index}`;
  const devicesId = fieldId(`${at}.devices`);
  return (
    <div class="pool-row" id={`pool-row-${index}`}>
      <FormField
        label="Offer"
        name={`${at}.campaign_id`}
        value={row.campaign_id}
        options={[["", "Choose a campaign"], ...offers]}
        error={errors[`${at}.campaign_id`]}
        required
      />
      <FormField
        label="Weight"
        name={`${at}.weight`}
        type="number"
        value={row.weight}
        error={errors[`${at}.weight`]}
        attrs={{ min: "0", max: "10000", step: "1", inputmode: "numeric" }}
      />
      <FormField
        label="Priority"
        name={`${at}.priority`}
        type="number"
        value={row.priority}
        error={errors[`${at}.priority`]}
        attrs={{ min: "1", max: "100", step: "1", inputmode: "numeric" }}
      />
      <FormField
        label="Countries"
        name={`${at}.countries`}
        value={row.countries}
        placeholder="US, GB (blank: all)"
        error={errors[`${at}.countries`]}
      />
      <fieldset class="devices" aria-describedby={errors[`${at}.devices`] ? `${devicesId}-error` : undefined}>
        <legend>Devices</legend>
        {DEVICE_CHOICES.map(([value, label]) => (
          <label for={`${devicesId}-${value}`}>
            <input
              type="checkbox"
              id={`${devicesId}-${value}`}
              name={`${at}.devices`}
              value={value}
              checked={row.devices.includes(value)}
            />
            {label}
          </label>
        ))}
        <FieldError forId={devicesId} message={errors[`${at}.devices`]} />
      </fieldset>
      <button type="button" class="secondary outline small" data-remove-closest=".pool-row">
        Remove
      </button>
    </div>
  );
}

/** "Add offer": appends row `nextIndex`; with `oob`, it replaces the button already on the page. */
export function AddOfferButton({ nextIndex, oob = false }: { nextIndex: number; oob?: boolean }) {
  return (
    <button
      type="button"
      id="add-offer"
      class="secondary"
      hx-get={`/admin/smartlinks/pool-row?index=${nextIndex}`}
      hx-target="#pool-rows"
      hx-swap="beforeend"
      hx-swap-oob={oob ? "true" : undefined}
    >
      Add offer
    </button>
  );
}
