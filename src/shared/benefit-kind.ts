/**
 * The kinds of benefit plan the EOR administers (issue 9 §2). One vocabulary for the graph (`BenefitKind`),
 * the database and the gross-to-net engine, which applies each kind's tax treatment per jurisdiction.
 * Statement line codes are `DED_<KIND>` (employee share) and `BEN_ER_<KIND>` (employer share).
 */
export const BENEFIT_KINDS = [
  "MEDICAL",
  "DENTAL",
  "VISION",
  "US_401K",
  "US_ROTH_401K",
  "US_HSA",
  "US_HEALTH_FSA",
  "US_DEPENDENT_CARE_FSA",
  "GROUP_TERM_LIFE",
  "CA_GROUP_RRSP",
  "CA_HEALTH_DENTAL",
] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];
