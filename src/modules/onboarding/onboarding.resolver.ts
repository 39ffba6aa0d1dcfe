import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs, pageInMemory, toConnection, toPageRequest } from "../../shared/pagination";
import { toPayload, toPayloadFields } from "../../shared/command-result";
import { Engagement, toEngagement } from "../engagements/engagement.type";
import { engagementById } from "../engagements/engagement.loaders";
import { EmploymentAgreement, EmploymentAgreementConnection, OnboardingChecklist, toEmploymentAgreement } from "./onboarding.type";
import { RecordAgreementSignatureInput, RecordOnboardingStepInput, SendEmploymentAgreementInput, VerifyWorkAuthorizationInput } from "./onboarding.input";
import { RecordAgreementSignaturePayload, RecordOnboardingStepPayload, SendEmploymentAgreementPayload, VerifyWorkAuthorizationPayload } from "./onboarding.payload";
import { OnboardingService } from "./onboarding.service";

@Resolver(() => EmploymentAgreement)
export class OnboardingResolver {
  @Mutation(() => RecordOnboardingStepPayload, {
    description:
      "Records the status of a checklist item held by no other data (a W-9, a state or provincial withholding certificate, a TD1 filed without amounts); records `engagement.onboardingStepRecorded`. Needs `onboarding:write`.",
  })
  async recordOnboardingStep(@Arg("input", () => RecordOnboardingStepInput, { description: "The step." }) input: RecordOnboardingStepInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new OnboardingService(ctx).recordStep(input), { engagement: null, onboarding: null });
  }

  @Mutation(() => VerifyWorkAuthorizationPayload, {
    description:
      "Records work authorization of an employee (US Form I-9, Canadian SIN): status and dates only, never a document. Records `engagement.workAuthorizationVerified`. Needs `onboarding:write`.",
  })
  async verifyWorkAuthorization(@Arg("input", () => VerifyWorkAuthorizationInput, { description: "The verification." }) input: VerifyWorkAuthorizationInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new OnboardingService(ctx).verifyWorkAuthorization(input), { engagement: null, onboarding: null });
  }

  @Mutation(() => SendEmploymentAgreementPayload, {
    description:
      "Sends the engagement's employment or contractor agreement from the template of its work jurisdiction and classification (e.g. `US-CA-EMPLOYEE-v3`); an unsigned earlier one becomes SUPERSEDED. Records `employmentAgreement.sent`. Needs `onboarding:write`.",
  })
  async sendEmploymentAgreement(@Arg("input", () => SendEmploymentAgreementInput, { description: "The engagement." }) input: SendEmploymentAgreementInput, @Ctx() ctx: Context) {
    return toPayload("employmentAgreement", await new OnboardingService(ctx).sendAgreement(input));
  }

  @Mutation(() => RecordAgreementSignaturePayload, {
    description:
      "Records the signature of a SENT agreement and copies its key terms (title, pay, start date, probation); completes the checklist's EMPLOYMENT_AGREEMENT item. Records `employmentAgreement.signed`. Needs `onboarding:write`.",
  })
  async recordAgreementSignature(@Arg("input", () => RecordAgreementSignatureInput, { description: "The signature." }) input: RecordAgreementSignatureInput, @Ctx() ctx: Context) {
    return toPayloadFields(await new OnboardingService(ctx).recordSignature(input), { employmentAgreement: null, onboarding: null });
  }

  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement the agreement is for. Needs `workers:read` (null with a FORBIDDEN error otherwise)." })
  async engagement(@Root() agreement: EmploymentAgreement, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(engagementById).load(agreement.engagementDbId);
    return row && toEngagement(row);
  }
}

/** `Engagement.onboarding` and `Engagement.employmentAgreements`: the onboarding module's edges on the engagement type. */
@Resolver(() => Engagement)
export class EngagementOnboardingResolver {
  @FieldResolver(() => OnboardingChecklist, {
    nullable: true,
    description: "The onboarding checklist as of today: each item's status and `onboardingStatus`. Needs `onboarding:read` (null with a FORBIDDEN error otherwise).",
  })
  onboarding(@Root() engagement: Engagement, @Ctx() ctx: Context) {
    return new OnboardingService(ctx).checklistOf(engagement);
  }

  @FieldResolver(() => EmploymentAgreementConnection, {
    nullable: true,
    description: "The engagement's employment (or contractor) agreements, oldest first (Relay connection). Needs `onboarding:read` (null with a FORBIDDEN error otherwise).",
  })
  async employmentAgreements(@Root() engagement: Engagement, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: Context) {
    const request = toPageRequest(args);
    const all = await new OnboardingService(ctx).agreementsOf(engagement);
    return toConnection(pageInMemory(all, request), toEmploymentAgreement, () => all.length);
  }
}
