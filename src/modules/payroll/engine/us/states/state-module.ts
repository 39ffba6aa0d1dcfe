/**
 * One US state's withholding: its income tax (and locals it makes the employer withhold), its certificate, and its
 * coverage entry. Employee-paid state programs (paid leave, disability, employee UI) live in ../programs/ and are
 * computed after the income tax for every state.
 */
import type { CertificateForm } from "../../certificates";
import type { JurisdictionCoverage } from "../../coverage";
import type { Computed, UsPayContext } from "../context";

export interface UsStateModule {
  /** USPS code, e.g. `NY`. */
  readonly state: string;
  /** Income tax (and locals) for one paycheck; the period's bases are in `ctx.taxable`. */
  readonly compute: (ctx: UsPayContext) => Computed;
  /** The state's withholding certificate, when its method reads one. */
  readonly certificate?: CertificateForm;
  /** The state's entry and its localities' entries (`US-NY`, `US-NY-NYC`, …). */
  readonly coverage: readonly JurisdictionCoverage[];
}
