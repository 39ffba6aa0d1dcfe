/**
 * What the engine computes per jurisdiction: the data behind the `taxJurisdictions` query and the coverage table
 * of the engine README. Each jurisdiction module declares its own entry next to its computation.
 */
import type { LineCodeDoc } from "./line-codes";

export type CoverageStatus = "COMPUTED" | "PARTIAL" | "UNSUPPORTED";

export interface JurisdictionCoverage {
  /** ISO 3166-2 (`US-NY`, `CA-QC`) or a locality under it (`US-NY-NYC`, `US-MD-BALTIMORE_CITY`). */
  readonly jurisdiction: string;
  readonly status: CoverageStatus;
  /** Tax years whose tables are transcribed. */
  readonly taxYears: readonly number[];
  /** The statement line codes the jurisdiction's withholding can produce. */
  readonly lineCodes: readonly LineCodeDoc[];
  /** Publication, edition and page of every table used (two agreeing secondary sources are marked as such). */
  readonly sources: readonly string[];
  /** What is and is not computed (e.g. a local tax that is a blocker), in one or two sentences. */
  readonly note: string;
}
