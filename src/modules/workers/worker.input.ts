import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ConnectionArgs } from "../../shared/pagination";
import { DateTimeScalar } from "../../shared/scalars";
import { MoneyInput } from "../../shared/money";
import { FilingStatus, WorkerStatus } from "./worker.type";
import { WithholdingCertificatesInput } from "./worker-certificates.type";

@InputType({ description: "US Form W-4 (2020 or later) elections. Every amount must be in USD." })
export class W4Input {
  @Field(() => FilingStatus, { description: "Step 1(c) filing status." })
  filingStatus!: FilingStatus;

  @Field(() => Boolean, { nullable: true, description: "Step 2(c): multiple jobs or spouse works. Default false." })
  multipleJobs?: boolean | null;

  @Field(() => MoneyInput, { nullable: true, description: "Step 3: dependents and other credits, per year (USD). Default 0." })
  dependentsAmount?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Step 4(a): other income, per year (USD). Default 0." })
  otherIncome?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Step 4(b): deductions, per year (USD). Default 0." })
  deductions?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Step 4(c): extra withholding per pay period (USD). Default 0." })
  extraWithholding?: MoneyInput | null;
}

@InputType({ description: "Canadian TD1 claim amounts (annual). Every amount must be in CAD." })
export class Td1Input {
  @Field(() => MoneyInput, { nullable: true, description: "Federal TD1 total claim amount (CAD); omit when not filed." })
  federalClaimAmount?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: "Provincial/territorial TD1 total claim amount (CAD); omit when not filed." })
  provincialClaimAmount?: MoneyInput | null;
}

@InputType({
  description:
    "Withholding elections. In `updateWorker`, an omitted field is unchanged, `w4: null` / `td1: null` removes that election, and a given `w4` / `td1` replaces it whole; in `certificates` the same holds form by form (`certificates: null` removes every state and provincial certificate).",
})
export class WithholdingInput {
  @Field(() => WithholdingCertificatesInput, {
    nullable: true,
    description:
      "State and provincial withholding certificates (California DE 4, Illinois IL-W-4, …), one typed field per form; amounts in the form's country currency. Stored encrypted. Payroll reads the form of the engagement's work jurisdiction; without one the jurisdiction's documented default applies and the tax line says so.",
  })
  certificates?: WithholdingCertificatesInput | null;

  @Field(() => W4Input, { nullable: true, description: "US Form W-4 elections (amounts in USD)." })
  w4?: W4Input | null;

  @Field(() => Td1Input, { nullable: true, description: "Canadian TD1 claims (amounts in CAD)." })
  td1?: Td1Input | null;

  @Field(() => Boolean, { nullable: true, description: "Exempt from CPP/QPP contributions." })
  cppExempt?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Exempt from EI premiums." })
  eiExempt?: boolean | null;
}

@InputType({ description: "A new worker in one client's workforce." })
export class CreateWorkerInput {
  @Field(() => ID, { description: "The client (global ID) whose workforce the worker joins; the caller must act for it." })
  clientId!: string;

  @Field(() => String, { nullable: true, description: "The integrator's identifier for the worker (at most 100 characters), unique within the client." })
  externalId?: string | null;

  @Field(() => String, { description: "Legal first name, 1-100 characters." })
  legalFirstName!: string;

  @Field(() => String, { description: "Legal last name, 1-100 characters." })
  legalLastName!: string;

  @Field(() => String, { nullable: true, description: "Preferred first name, at most 100 characters." })
  preferredName?: string | null;

  @Field(() => String, { description: "Email address, at most 254 characters." })
  email!: string;

  @Field(() => String, { description: "Where the worker lives, ISO 3166-2 (`US-NY`, `CA-QC`)." })
  homeJurisdiction!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "SSN (US) or SIN (Canada): 9 digits, dashes and spaces allowed. Stored encrypted; only its last four digits are ever returned. Another worker of the client with the same number is a `DUPLICATE_TAX_ID` userError.",
  })
  taxId?: string | null;

  @Field(() => WithholdingInput, { nullable: true, description: "Withholding elections (W-4 in USD, TD1 in CAD)." })
  withholding?: WithholdingInput | null;
}

@InputType({ description: "Changes to a worker. Omitted fields are unchanged; `null` clears an optional field." })
export class UpdateWorkerInput {
  @Field(() => ID, { nullable: true, description: "The worker (global ID). Required (graphql-js cannot mark it so while `id` is its deprecated name)." })
  workerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The worker (global ID).", deprecationReason: "Use `workerId` (one of the two is required; both must agree)." })
  id?: string | null;

  @Field(() => Int, { description: "The `version` the caller last read; a different current version is a `STALE_VERSION` userError." })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: "New externalId (at most 100 characters); null clears it." })
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: "New legal first name, 1-100 characters." })
  legalFirstName?: string | null;

  @Field(() => String, { nullable: true, description: "New legal last name, 1-100 characters." })
  legalLastName?: string | null;

  @Field(() => String, { nullable: true, description: "New preferred name (at most 100 characters); null clears it." })
  preferredName?: string | null;

  @Field(() => String, { nullable: true, description: "New email address." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: "New home jurisdiction, ISO 3166-2." })
  homeJurisdiction?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "New SSN/SIN (9 digits, dashes and spaces allowed; stored encrypted); null removes it. Another worker of the client with the same number is a `DUPLICATE_TAX_ID` userError.",
  })
  taxId?: string | null;

  @Field(() => WorkerStatus, {
    nullable: true,
    description: "New status. INACTIVE is refused (`ILLEGAL_STATUS_TRANSITION`) while the worker has an engagement that has not ended.",
  })
  status?: WorkerStatus | null;

  @Field(() => WithholdingInput, { nullable: true, description: "Withholding changes (see `WithholdingInput`)." })
  withholding?: WithholdingInput | null;
}

@ArgsType()
export class ClientWorkersArgs extends ConnectionArgs {
  @Field(() => WorkerStatus, { nullable: true, description: "Only workers with this status." })
  status?: WorkerStatus | null;

  @Field(() => String, { nullable: true, description: "Only workers living in this ISO 3166-2 jurisdiction (`US-NY`)." })
  homeJurisdiction?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Only workers changed at or after this instant: inclusive (`updatedAt >= updatedSince`), so what changed at that very instant comes again. For incremental sync pass the greatest `updatedAt` already received minus a margin of a few minutes; deleted objects leave `<type>.deleted` events instead (README, Sync recipe).",
  })
  updatedSince?: Date | null;
}

@ArgsType()
export class WorkersArgs extends ClientWorkersArgs {
  @Field(() => ID, { nullable: true, description: "Only workers of this client (global ID)." })
  clientId?: string | null;
}

@ArgsType()
export class WorkerByExternalIdArgs {
  @Field(() => ID, { description: "The client (global ID)." })
  clientId!: string;

  @Field(() => String, { description: "The integrator's identifier of the worker within that client." })
  externalId!: string;
}
