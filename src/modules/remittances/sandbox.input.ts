import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "Sandbox only: the payroll run whose funding to simulate." })
export class SandboxFundPayrollRunInput {
  @Field(() => ID, { description: "An APPROVED payroll run of a client the caller may act for." })
  payrollRunId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The run's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Sandbox only: the remittance to submit." })
export class SandboxSubmitRemittanceInput {
  @Field(() => ID, { description: "A SCHEDULED (or FAILED and retryable) remittance of a funded run." })
  remittanceId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The remittance's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Sandbox only: the remittance to confirm." })
export class SandboxConfirmRemittanceInput {
  @Field(() => ID, { description: "A SUBMITTED remittance." })
  remittanceId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Confirmation or trace number to record (at most 100 characters). Default: the rail's `SBX-<the 32 hex digits of the remittance id>`, unique per remittance.",
  })
  confirmationNumber?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The remittance's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}

@InputType({ description: "Sandbox only: the remittance to fail, and how." })
export class SandboxFailRemittanceInput {
  @Field(() => ID, { description: "A SUBMITTED remittance." })
  remittanceId!: string;

  @Field(() => String, { description: 'Why it failed, as a bank or authority would say it (e.g. "R02 account closed"); at most 500 characters.' })
  reason!: string;

  @Field(() => Boolean, { description: "Whether submitting it again may succeed (true: e.g. a timeout; false: something must be fixed first)." })
  retryable!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The remittance's `version` the caller last read; when given, a different current version is a `STALE_VERSION` userError and nothing changes.",
  })
  expectedVersion?: number | null;
}
