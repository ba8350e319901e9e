/**
 * Pieces shared by the two publisher sign-up forms (self sign-up and invite sign-up).
 */
import { Html } from "@elysiajs/html";
import { FormField } from "../components/form-field";

/**
 * The sentence shown under a field: `"<label> <message>."`, or undefined when `field` has no
 * message in `errors` (messages as in a `ValidationError`, e.g. "must be at least 10 characters").
 */
export function fieldMessage(errors: Record<string, string>, label: string, field: string): string | undefined {
  return errors[field] ? `${label} ${errors[field]}.` : undefined;
}

/** The "Password" field of a new account, with its minimum length as hint and attribute. */
export function NewPasswordField({ passwordMin, error }: { passwordMin: number; error?: string }) {
  return (
    <FormField
      label="Password"
      name="password"
      type="password"
      error={error}
      hint={`At least ${passwordMin} characters.`}
      required
      autocomplete="new-password"
      attrs={{ minlength: String(passwordMin) }}
    />
  );
}
