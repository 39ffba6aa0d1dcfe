import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { OnboardingItem, OnboardingStepStatus } from "./onboarding.type";

@InputType({
  description:
    "Records the status of a checklist item that no other data holds: a US contractor's W-9, a state or provincial withholding certificate, a Canadian TD1 filed without claim amounts. Replaces the item's previous record.",
})
export class RecordOnboardingStepInput {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => OnboardingItem, {
    description:
      "FEDERAL_WITHHOLDING_FORM (W-9, TD1) or STATE_WITHHOLDING_FORM. Items derived from data are refused with `ONBOARDING_ITEM_DERIVED` (W-4, payment method, agreement, work authorization).",
  })
  item!: OnboardingItem;

  @Field(() => OnboardingStepStatus, { description: "NOT_STARTED, PENDING or COMPLETE." })
  status!: OnboardingStepStatus;

  @Field(() => DateScalar, { nullable: true, description: "When it was completed: required with COMPLETE, refused otherwise." })
  completedOn?: string | null;
}

@InputType({
  description:
    "Records work authorization: US Form I-9 (Section 2 completed) or the Canadian SIN verified. Status and dates only: no document, number or document type is accepted or stored.",
})
export class VerifyWorkAuthorizationInput {
  @Field(() => ID, { description: "The engagement (global ID) of an employee." })
  engagementId!: string;

  @Field(() => OnboardingStepStatus, { description: "COMPLETE when verified; PENDING while documents are awaited (e.g. an I-9 receipt); NOT_STARTED resets it." })
  status!: OnboardingStepStatus;

  @Field(() => DateScalar, { nullable: true, description: "The day it was verified: required with COMPLETE, refused otherwise." })
  verifiedOn?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "When the authorization ends: required for a temporary SIN (starting with 9), allowed for a US employment authorization that expires; on or after `verifiedOn`.",
  })
  expiresOn?: string | null;
}

@InputType({ description: "Sends the engagement's employment (or contractor) agreement, from the template of its work jurisdiction and classification." })
export class SendEmploymentAgreementInput {
  @Field(() => ID, { description: "The engagement (global ID)." })
  engagementId!: string;

  @Field(() => DateScalar, { nullable: true, description: "When it was sent; default today (UTC)." })
  sentOn?: string | null;
}

@InputType({ description: "Records the worker's signature of a SENT agreement: its key terms are copied from the engagement." })
export class RecordAgreementSignatureInput {
  @Field(() => ID, { description: "The agreement (global ID)." })
  employmentAgreementId!: string;

  @Field(() => DateScalar, { description: "The day it was signed: on or after `sentOn`." })
  signedOn!: string;

  @Field(() => Int, { nullable: true, description: "The agreement's `version`; `STALE_VERSION` when it changed. Optional." })
  expectedVersion?: number | null;
}
