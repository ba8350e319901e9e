/**
 * One labelled form control: a real `<label for>`, the control (input, select or textarea), an
 * optional hint, and the field's error message right under it. Every text (label, value, hint,
 * error, option labels) is escaped here, so callers pass plain user data.
 */
import { Html } from "@elysiajs/html";

/** `[value, label]` pairs of a `<select>`. */
export type FieldOptions = readonly (readonly [value: string, label: string])[];

export interface FormFieldProps {
  /** Visible label text. */
  label: string;
  /** Form field name, also the key of its message in a `ValidationError`'s `errors`. */
  name: string;
  /** Element id (the label's `for`); default: `name` with non-word characters as `-`. */
  id?: string;
  /** Current value (what was stored or typed). */
  value?: string;
  /** Error message shown under the control; marks it `aria-invalid`. */
  error?: string;
  /** Plain-text hint under the control. */
  hint?: string;
  /** Input type (default `text`); ignored with `options` or `multiline`. */
  type?: string;
  /** Render a `<select>` with these options instead of an `<input>`. */
  options?: FieldOptions;
  /** Render a `<textarea>` instead of an `<input>`. */
  multiline?: boolean;
  required?: boolean;
  placeholder?: string;
  autocomplete?: string;
  /** Extra attributes on the control (e.g. `inputmode`, `maxlength`, htmx attributes). */
  attrs?: Record<string, string>;
}

/** The id `FormField` gives a field named `name` when no `id` is passed. */
export function fieldId(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** An error message under a control whose id is `forId` (nothing when `message` is empty). */
export function FieldError({ forId, message }: { forId: string; message?: string }) {
  if (!message) return "";
  return (
    <small class="field-error" id={`${forId}-error`} safe>
      {message}
    </small>
  );
}

export function FormField(props: FormFieldProps) {
  const id = props.id ?? fieldId(props.name);
  const value = props.value ?? "";
  const common = {
    id,
    name: props.name,
    required: props.required,
    "aria-invalid": props.error ? "true" : undefined,
    "aria-describedby": [props.error ? `${id}-error` : "", props.hint ? `${id}-hint` : ""].join(" ").trim() || undefined,
    ...props.attrs,
  };
  let control: JSX.Element;
  if (props.options) {
    control = (
      <select {...common}>
        {props.options.map(([optionValue, optionLabel]) => (
          <option value={optionValue} selected={optionValue === value} safe>
            {optionLabel}
          </option>
        ))}
      </select>
    );
  } else if (props.multiline) {
    control = (
      <textarea {...common} placeholder={props.placeholder} safe>
        {value}
      </textarea>
    );
  } else {
    control = (
      <input
        {...common}
        type={props.type ?? "text"}
        value={value}
        placeholder={props.placeholder}
        autocomplete={props.autocomplete}
      />
    );
  }
  return (
    <div class="form-field">
      <label for={id} safe>
        {props.label}
      </label>
      {control}
      <FieldError forId={id} message={props.error} />
      {props.hint ? (
        <small class="muted" id={`${id}-hint`} safe>
          {props.hint}
        </small>
      ) : (
        ""
      )}
    </div>
  );
}
