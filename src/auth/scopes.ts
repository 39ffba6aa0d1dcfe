/** Every scope a token may carry. Checked per operation by services, per object type on every field (read-scopes.ts), and per field for PII. */
export const SCOPES = [
  "clients:read",
  "clients:write",
  "workers:read",
  "workers:write",
  "payroll:read",
  "payroll:write",
  "payroll:approve",
  "remittances:read",
  "msa:read",
  "msa:write",
  "pii:read",
  "webhooks:read",
  "webhooks:write",
  "classification:read",
  "classification:write",
  "benefits:read",
  "benefits:write",
  "onboarding:read",
  "onboarding:write",
  /** Filings (Form 941, state wage reports, PD7A, W-2, T4, RL-1): the EOR's tax filings and workers' year-end pay data. */
  "filings:read",
] as const;
export type Scope = (typeof SCOPES)[number];

export type Role = "OPERATOR" | "CLIENT" | "PARTNER";
export const ROLES: Role[] = ["OPERATOR", "CLIENT", "PARTNER"];

/** Scopes a development token gets when `--scopes` is not given. */
export const DEFAULT_SCOPES: Record<Role, Scope[]> = {
  OPERATOR: [...SCOPES],
  // Filings are the EOR's own returns (every client's wages) and workers' year-end forms: OPERATOR only by default.
  CLIENT: [...SCOPES].filter((s) => s !== "clients:write" && s !== "filings:read"),
  PARTNER: [
    "clients:read",
    "workers:read",
    "workers:write",
    "payroll:read",
    "remittances:read",
    "msa:read",
    "webhooks:read",
    "webhooks:write",
    "classification:read",
    "benefits:read",
    "onboarding:read",
    "onboarding:write",
  ],
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
