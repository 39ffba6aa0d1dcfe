import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { enumObject } from "../../shared/enum-object";
import { Money, money } from "../../shared/money";
import { LIST_LIMITS, MaxItems } from "../../shared/list-limits";
import { employmentAgreementStatusEnum, onboardingItemEnum, onboardingStepStatusEnum } from "../../db/enums";
import { CompensationBasis } from "../engagements/compensation.type";
import type { Checklist, ChecklistItem } from "./onboarding.rules";
import type { EmploymentAgreementRow } from "./onboarding.repository";

export const OnboardingItem = enumObject(onboardingItemEnum.enumValues);
export type OnboardingItem = (typeof onboardingItemEnum.enumValues)[number];
registerEnumType(OnboardingItem, {
  name: "OnboardingItem",
  description: "An item of an engagement's onboarding checklist. Which are required depends on the classification and the work jurisdiction.",
  valuesConfig: {
    FEDERAL_WITHHOLDING_FORM: {
      description:
        "US employee: Form W-4 (from the worker's W-4 elections). US contractor: Form W-9 (recorded step). Canadian employee: federal TD1 (the TD1 claim, or a recorded step). Canadian contractor: not required.",
    },
    STATE_WITHHOLDING_FORM: {
      description:
        "The state's withholding certificate where it has one (e.g. CA DE 4, IL IL-W-4, NY IT-2104; none in states without wage income tax or that use the federal W-4), the provincial TD1 (TD1ON, TD1BC…) or Quebec's TP-1015.3-V. Contractors: not required.",
    },
    PAYMENT_METHOD: { description: "A payment method is set for the worker (`setPaymentMethod`)." },
    EMPLOYMENT_AGREEMENT: { description: "The employment agreement (employees) or contractor agreement (contractors) is signed (`recordAgreementSignature`)." },
    WORK_AUTHORIZATION: {
      description:
        "US employees: Form I-9 (Section 2 within 3 business days of the start date). Canadian employees: the SIN (within 3 days; a temporary SIN starting with 9 has an expiry date). Contractors: not required. Status and dates only (`verifyWorkAuthorization`).",
    },
  },
});

export const OnboardingStepStatus = enumObject(onboardingStepStatusEnum.enumValues);
export type OnboardingStepStatus = (typeof onboardingStepStatusEnum.enumValues)[number];
registerEnumType(OnboardingStepStatus, {
  name: "OnboardingStepStatus",
  description: "A status a caller records for an onboarding step.",
  valuesConfig: {
    NOT_STARTED: { description: "Nothing done yet (resets a step recorded by mistake)." },
    PENDING: { description: "Started: sent to the worker, waiting for a document or a signature." },
    COMPLETE: { description: "Done, on `completedOn`." },
  },
});

export enum OnboardingItemStatus {
  NOT_STARTED = "NOT_STARTED",
  PENDING = "PENDING",
  COMPLETE = "COMPLETE",
  NOT_REQUIRED = "NOT_REQUIRED",
}
registerEnumType(OnboardingItemStatus, {
  name: "OnboardingItemStatus",
  description: "Where one checklist item stands.",
  valuesConfig: {
    NOT_STARTED: { description: "Required and not started." },
    PENDING: { description: "Required and under way (an agreement sent and not signed, a step recorded PENDING, an expired temporary authorization)." },
    COMPLETE: { description: "Done." },
    NOT_REQUIRED: { description: "Not required for this classification and work jurisdiction." },
  },
});

export enum OnboardingStatus {
  INCOMPLETE = "INCOMPLETE",
  COMPLETE = "COMPLETE",
}
registerEnumType(OnboardingStatus, {
  name: "OnboardingStatus",
  description: "Whether every required checklist item is COMPLETE.",
  valuesConfig: {
    INCOMPLETE: { description: "At least one required item is not COMPLETE: once the engagement has started, its payroll runs are blocked with `ONBOARDING_INCOMPLETE`." },
    COMPLETE: { description: "Every required item is COMPLETE." },
  },
});

export const EmploymentAgreementStatus = enumObject(employmentAgreementStatusEnum.enumValues);
export type EmploymentAgreementStatus = (typeof employmentAgreementStatusEnum.enumValues)[number];
registerEnumType(EmploymentAgreementStatus, {
  name: "EmploymentAgreementStatus",
  description: "Where an agreement is.",
  valuesConfig: {
    SENT: { description: "Sent for signature (`sendEmploymentAgreement`)." },
    SIGNED: { description: "Signed (`recordAgreementSignature`): its key terms are copied in `terms`." },
    SUPERSEDED: { description: "Replaced before signature by a newer agreement sent for the same engagement." },
  },
});

@ObjectType("OnboardingChecklistItem", { description: "One item of an engagement's onboarding checklist." })
export class OnboardingChecklistItem {
  @Field(() => OnboardingItem, { description: "Which item." })
  item!: OnboardingItem;

  @Field(() => OnboardingItemStatus, { description: "Its status; NOT_REQUIRED when the classification and jurisdiction need none." })
  status!: OnboardingItemStatus;

  @Field(() => String, {
    nullable: true,
    description: "The form or proof required (`W-4`, `W-9`, `DE 4`, `IT-2104`, `TD1`, `TD1ON`, `TP-1015.3-V`, `I-9`, `SIN`…); null when not required.",
  })
  form!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When it was completed, when known (recorded steps, signature date)." })
  completedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Deadline: Form I-9 Section 2 is due 3 business days after the start date. Null otherwise." })
  dueOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Work authorization: when a temporary authorization (a SIN starting with 9, a work permit) expires." })
  expiresOn!: string | null;

  @Field(() => String, { description: "Why it is (not) required, and how it completes." })
  note!: string;
}

@ObjectType("OnboardingChecklist", { description: "An engagement's onboarding: one status per item and the overall status." })
export class OnboardingChecklist {
  @Field(() => OnboardingStatus, { description: "COMPLETE when every required item is COMPLETE." })
  onboardingStatus!: OnboardingStatus;

  @MaxItems(LIST_LIMITS.onboardingItems)
  @Field(() => [OnboardingChecklistItem], { description: "The five items, in a fixed order, required or not. At most 5." })
  items!: OnboardingChecklistItem[];

  @MaxItems(LIST_LIMITS.onboardingItems)
  @Field(() => [OnboardingItem], { description: "The required items that are not COMPLETE (what an `ONBOARDING_INCOMPLETE` blocker names). At most 5." })
  missingItems!: OnboardingItem[];
}

@ObjectType("EmploymentAgreementTerms", { description: "The key terms of an agreement, copied from the engagement when the signature was recorded." })
export class EmploymentAgreementTerms {
  @Field(() => String, { description: "Job title." })
  title!: string;

  @Field(() => CompensationBasis, { nullable: true, description: "How the worker is paid (null if no compensation was in effect)." })
  payBasis!: CompensationBasis | null;

  @Field(() => Money, { nullable: true, description: "Pay: annual salary, hourly rate or fee per period, as `payBasis` says." })
  pay!: Money | null;

  @Field(() => DateScalar, { description: "Start date." })
  startDate!: string;

  @Field(() => Int, { nullable: true, description: "Probation period in days stated by the template (employees); null for contractors." })
  probationDays!: number | null;
}

@ObjectType("EmploymentAgreement", {
  simpleResolvers: true,
  implements: Node,
  description: "An employment (or contractor) agreement as data: template and version, sent and signed dates, key terms at signature. No document is stored.",
})
export class EmploymentAgreement implements Node {
  id!: string;
  readonly nodeType = "EmploymentAgreement" as const;
  /** Database uuids and row; not fields. */
  dbId!: string;
  clientDbId!: string;
  engagementDbId!: string;

  @Field(() => String, { description: "Template chosen by work jurisdiction and classification, e.g. `US-CA-EMPLOYEE`, `CA-ON-CONTRACTOR`." })
  templateId!: string;

  @Field(() => Int, { description: "Template version sent." })
  templateVersion!: number;

  @Field(() => String, { description: "Template id and version, e.g. `US-CA-EMPLOYEE-v3`." })
  versionedTemplateId!: string;

  @Field(() => EmploymentAgreementStatus, { description: "SENT, SIGNED or SUPERSEDED." })
  status!: EmploymentAgreementStatus;

  @Field(() => DateScalar, { description: "When it was sent." })
  sentOn!: string;

  @Field(() => DateScalar, { nullable: true, description: "When it was signed; null before." })
  signedOn!: string | null;

  @Field(() => EmploymentAgreementTerms, { nullable: true, description: "Key terms copied at signature; null before." })
  terms!: EmploymentAgreementTerms | null;

  @Field(() => Int, { description: "Optimistic-lock version: pass it as `expectedVersion` to `recordAgreementSignature`." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When it was created (sent)." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When it last changed." })
  updatedAt!: Date;
}

export const EmploymentAgreementConnection = ConnectionType(EmploymentAgreement, "EmploymentAgreement", "employment agreements");

export function toEmploymentAgreement(row: EmploymentAgreementRow): EmploymentAgreement {
  const terms =
    row.status === "SIGNED" && row.termTitle !== null && row.termStartDate !== null
      ? Object.assign(new EmploymentAgreementTerms(), {
          title: row.termTitle,
          payBasis: row.termPayBasis,
          pay: row.termPayAmount !== null && row.termPayCurrency !== null ? money(row.termPayAmount, row.termPayCurrency) : null,
          startDate: row.termStartDate,
          probationDays: row.termProbationDays,
        })
      : null;
  return Object.assign(new EmploymentAgreement(), {
    id: toGlobalId("EmploymentAgreement", row.id),
    dbId: row.id,
    clientDbId: row.clientId,
    engagementDbId: row.engagementId,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
    versionedTemplateId: `${row.templateId}-v${row.templateVersion}`,
    status: row.status,
    sentOn: row.sentOn,
    signedOn: row.signedOn,
    terms,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function toOnboardingChecklist(checklist: Checklist): OnboardingChecklist {
  return Object.assign(new OnboardingChecklist(), {
    onboardingStatus: checklist.status as OnboardingStatus,
    items: checklist.items.map((i: ChecklistItem) => Object.assign(new OnboardingChecklistItem(), { ...i, status: i.status as OnboardingItemStatus })),
    missingItems: checklist.missing,
  });
}
