import type { PaycheckInput, PaycheckResult } from "./types";
import { calculateUsPaycheck } from "./us/calculate-us-paycheck";
import { calculateCaPaycheck } from "./ca/calculate-ca-paycheck";

export type * from "./types";
export type { Certificates, CertificateValues } from "./certificates";
export { certificatesFor } from "./certificates-registry";

/**
 * Gross-to-net for one paycheck, by work country. Pure and deterministic: same input, same result. A
 * jurisdiction or year the engine does not cover comes back as a blocker, never as a silent zero.
 */
export function calculatePaycheck(input: PaycheckInput): PaycheckResult {
  const country = input.jurisdiction.slice(0, 2);
  if (country === "US") return calculateUsPaycheck(input);
  if (country === "CA") return calculateCaPaycheck(input);
  return {
    currency: "USD",
    gross: input.gross + (input.supplemental ?? 0),
    net: 0,
    lines: [],
    blockers: [{ code: "UNSUPPORTED_TAX_JURISDICTION", message: `Payroll is not computed in ${input.jurisdiction}` }],
  };
}
