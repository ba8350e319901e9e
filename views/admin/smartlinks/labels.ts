/** The words the admin smartlink pages use for stored enum values. */

/** Visibility choices: value, label, and what it means for publishers. */
export const VISIBILITY_CHOICES = [
  ["ask", "Ask", "Publishers apply and wait until you approve or decline them."],
  ["public", "Public", "Every active publisher who applies gets a tracking link at once."],
  ["private", "Private", "Not listed for publishers: you add each one from the smartlink's page."],
] as const;

/** Rotation choices: value, label, and how clicks are shared. */
export const ROTATION_CHOICES = [
  ["weighted", "Weighted rotation", "Clicks go by priority first, then split by weight. Fully predictable."],
  ["auto", "Auto-optimize", "Each offer first gets its untouched clicks; then traffic moves to the best earner."],
] as const;

/** Optimize-for choices (auto rotation). */
export const OPTIMIZE_CHOICES = [
  ["epc", "EPC"],
  ["profit", "Profit"],
  ["revenue", "Revenue"],
] as const;

/** Device checkboxes of a pool row. */
export const DEVICE_CHOICES = [
  ["mobile", "Mobile"],
  ["tablet", "Tablet"],
  ["desktop", "Desktop"],
] as const;

const labelOf = (choices: readonly (readonly [string, string, ...string[]])[], value: string) =>
  choices.find(([v]) => v === value)?.[1] ?? value;

/** "Ask", "Public" or "Private". */
export const visibilityLabel = (value: string) => labelOf(VISIBILITY_CHOICES, value);

/** "Weighted rotation" or "Auto-optimize". */
export const rotationLabel = (value: string) => labelOf(ROTATION_CHOICES, value);

/** "EPC", "Profit" or "Revenue". */
export const optimizeLabel = (value: string) => labelOf(OPTIMIZE_CHOICES, value);
