// Enum-like lists of the petitions schema: plain data, safe to import in browser code (no drizzle).

/** The fixed list of public rejection reasons (each has translated text under "petition.rejection.<code>"). */
export const REJECTION_CODES = [
  "duplicate",
  "not-competent",
  "offensive",
  "personal-information",
  "already-decided",
  "unclear",
  "no-request",
  "other",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const SIGNATURE_STATUSES = ["pending", "confirmed", "withdrawn"] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];
