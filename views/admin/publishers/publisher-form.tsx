/** The New publisher form (Name, Email): a publisher record, without a portal account. */
import { Html } from "@elysiajs/html";
import { FormCard } from "../../components/form-card";
import { FormField } from "../../components/form-field";

/** The form's fields as sent. */
export interface PublisherFormValues {
  name: string;
  email: string;
}

export interface PublisherFormProps {
  csrfToken: string;
  values: PublisherFormValues;
  /** Messages by field name (from a `ValidationError`). */
  errors?: Record<string, string>;
}

export function PublisherForm({ csrfToken, values, errors = {} }: PublisherFormProps) {
  return (
    <FormCard
      title="New publisher"
      intro={
        <p class="muted">
          Publishers usually sign up themselves in the publisher portal. Here you add a publisher record only, without a
          password; its Invite link gives the publisher a one-time link to set up a sign-in.
        </p>
      }
      action="/admin/publishers"
      csrfToken={csrfToken}
      submitLabel="Create publisher"
    >
      <div class="grid">
        <FormField label="Name" name="name" value={values.name} error={errors.name} required />
        <FormField label="Email" name="email" type="email" value={values.email} error={errors.email} required />
      </div>
    </FormCard>
  );
}
