import { badInput } from "./errors";
import { UUID_PATTERN } from "./ids";

/** Every type that implements `Node`. The global ID names it, so an ID of the wrong type is refused. */
export const NODE_TYPES = [
  "EmployerEntity",
  "Client",
  "Worker",
  "Engagement",
  "Compensation",
  "PaySchedule",
  "PayPeriod",
  "PayrollRun",
  "PayStatement",
  "Remittance",
  "Msa",
  "MsaClause",
  "WebhookEndpoint",
  "ClassificationAssessment",
  "BenefitPlan",
  "BenefitEnrollment",
  "PaymentMethod",
  "EmploymentAgreement",
  "OneOffEarning",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** Opaque global ID: base64url of `<Type>:<uuid>`. Integrators must treat it as an opaque string. */
export function toGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export interface DecodedGlobalId {
  type: NodeType;
  id: string;
}

/** Decodes a global ID; returns null when it is malformed (not base64url, unknown type, not a uuid). */
export function decodeGlobalId(globalId: string): DecodedGlobalId | null {
  if (typeof globalId !== "string" || globalId.length === 0 || globalId.length > 200) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const raw = Buffer.from(globalId, "base64url").toString("utf8");
  const sep = raw.indexOf(":");
  if (sep < 0) return null;
  const type = raw.slice(0, sep) as NodeType;
  const id = raw.slice(sep + 1);
  if (!NODE_TYPES.includes(type) || !UUID_PATTERN.test(id)) return null;
  return { type, id };
}

/** The uuid inside a global ID of the expected type, or null when the ID is malformed or of another type. */
export function parseGlobalId(globalId: string, expected: NodeType): string | null {
  const decoded = decodeGlobalId(globalId);
  return decoded && decoded.type === expected ? decoded.id : null;
}

/** For query arguments (no userErrors there): a malformed or wrong-type ID is a BAD_USER_INPUT error. */
export function requireGlobalId(globalId: string, expected: NodeType, argument: string): string {
  const id = parseGlobalId(globalId, expected);
  if (id === null) throw badInput(`${argument} is not a valid ${expected} ID`, { argument });
  return id;
}
