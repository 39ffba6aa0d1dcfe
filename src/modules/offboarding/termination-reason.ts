/** Why an engagement ended: the value list shared by the GraphQL enum, the database check and the rules. */
import { registerEnumType } from "type-graphql";
import { enumObject } from "../../shared/enum-object";

export const TERMINATION_REASONS = ["VOLUNTARY", "INVOLUNTARY", "END_OF_CONTRACT"] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export const EngagementEndReason = enumObject(TERMINATION_REASONS);
export type EngagementEndReason = TerminationReason;

registerEnumType(EngagementEndReason, {
  name: "EngagementEndReason",
  description: "Why an engagement ended: decides the final-pay deadline of the work jurisdiction and the Record of Employment reason code.",
  valuesConfig: {
    VOLUNTARY: { description: "The worker quit (resignation). Give `noticeGivenOn`: some jurisdictions pay earlier after a quit with notice (California: 72 hours)." },
    INVOLUNTARY: { description: "The employer ended it: dismissal or layoff." },
    END_OF_CONTRACT: { description: "A fixed term or assignment came to its end (an employer-side separation for final pay, e.g. California)." },
  },
});
