import { TaxAuthority } from "./tax-authority.enum";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../node/node.type";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { ConnectionType } from "../../shared/pagination";
import { toGlobalId } from "../../shared/global-id";
import { Money, money } from "../../shared/money";
import type { remittances } from "./remittance.table";

export type RemittanceRow = typeof remittances.$inferSelect;

export enum RemittanceKind {
  TAX = "TAX",
  NET_PAY = "NET_PAY",
  CONTRACTOR_PAYMENT = "CONTRACTOR_PAYMENT",
  BENEFIT_CARRIER = "BENEFIT_CARRIER",
}
registerEnumType(RemittanceKind, {
  name: "RemittanceKind",
  description: "What the money is for and who receives it.",
  valuesConfig: {
    TAX: { description: "Withheld and employer taxes to a tax authority (IRS, a state agency, CRA, Revenu Québec); see `authority`." },
    NET_PAY: { description: "An employee's net pay." },
    CONTRACTOR_PAYMENT: { description: "A contractor's fee, paid gross." },
    BENEFIT_CARRIER: {
      description:
        "Benefit contributions of one plan to its carrier or payee (the plan's `carrierName`): the employees' deductions (`employeeShare`, DED_<KIND> lines) and the employer's contributions (`employerShare`, BEN_ER_<KIND> lines); due on the pay date.",
    },
  },
});

export enum RemittanceStatus {
  SCHEDULED = "SCHEDULED",
  SUBMITTED = "SUBMITTED",
  CONFIRMED = "CONFIRMED",
  FAILED = "FAILED",
}
registerEnumType(RemittanceStatus, {
  name: "RemittanceStatus",
  description:
    "Where a remittance is: SCHEDULED → SUBMITTED → CONFIRMED, or SUBMITTED → FAILED; a FAILED remittance that is `retryable` may be SUBMITTED again (net pay and contractor payments only while their run is FUNDED or PAYING). Every change is a `remittance.statusChanged` event.",
  valuesConfig: {
    SCHEDULED: { description: "Planned when the run was approved: will be sent by `dueOn` once the run is funded. Next: SUBMITTED." },
    SUBMITTED: { description: "Sent to the payee's bank or the authority; awaiting confirmation. Next: CONFIRMED or FAILED." },
    CONFIRMED: { description: "Received by the payee: `confirmationNumber` holds the authority's confirmation or the payment trace number. Final." },
    FAILED: { description: "Rejected or returned: `failureReason` says why, `retryable` whether submitting again may succeed. Next: SUBMITTED when retryable." },
  },
});

@ObjectType("Remittance", {
  simpleResolvers: true,
  implements: Node,
  description: "Money the EOR sends on after a payroll: taxes to an authority, net pay to an employee, a payment to a contractor.",
})
export class Remittance implements Node {
  id!: string;
  readonly nodeType = "Remittance" as const;
  /** Database uuids; not fields. */
  dbId!: string;
  clientDbId!: string;
  payrollRunDbId!: string;
  /** The payment method a NET_PAY / CONTRACTOR_PAYMENT is sent to (resolved as `destination`); not a field. */
  paymentMethodDbId!: string | null;

  @Field(() => RemittanceKind, { description: "What the money is for." })
  kind!: RemittanceKind;

  /** The authority's name, or the worker's legal name: a field of `RemittanceResolver` (a worker's name needs `workers:read`). */
  payeeName!: string;

  @Field(() => TaxAuthority, {
    nullable: true,
    description:
      "The tax authority of a TAX remittance; null for other kinds. `IRS` (Form 941: federal income tax, Social Security, Medicare), `IRS_940` (FUTA), `US_CA_EDD` (California PIT and SDI), `US_PA_DOR`, `US_PA_DLI` (PA unemployment compensation), `US_IL_IDOR`, `US_WA_ESD` (WA Paid Family and Medical Leave), `US_AK_DOLWD`, `US_<ST>_DOR` (another state's withholding agency), `CRA` (CPP, EI, federal and provincial tax outside Quebec; EI and federal tax in Quebec), `RQ` (Revenu Québec: QPP, QPIP, Quebec income tax, Health Services Fund, CNESST periodic payments), `RQ_CNT` (Revenu Québec: the labour standards contribution, due with the RL-1 summary).",
  })
  taxAuthority!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Tax authority code of a TAX remittance (`IRS`, `IRS-940`, `US-CA-EDD`, …, `CRA`, `RQ`); null for other kinds.",
    deprecationReason: "Use `taxAuthority`: the same authorities, as the `TaxAuthority` enum (hyphens become underscores: `US-CA-EDD` is `US_CA_EDD`).",
  })
  authority!: string | null;

  @Field(() => Money, { description: "Total amount sent." })
  amount!: Money;

  @Field(() => Money, { description: "Part withheld from workers (TAX: employee share; zero for other kinds)." })
  employeeShare!: Money;

  @Field(() => Money, { description: "Part owed by the employer (TAX: employer share; zero for other kinds)." })
  employerShare!: Money;

  @Field(() => DateScalar, {
    description:
      "Date by which it must be received. Net pay and contractor payments: the pay date. Taxes: the authority's deposit schedule — IRS Form 941 semiweekly (Wed–Fri paydays → next Wednesday, Sat–Tue → next Friday; monthly depositors the 15th of the next month; next business day once $100,000 accumulates on a day), FUTA by the last day of the month after the quarter, state withholding on the federal schedule, quarterly state programs (WA PFML, PA UC) by the last day of the month after the quarter, CRA and Revenu Québec regular remitters the 15th of the next month (CNESST with Revenu Québec), the Quebec labour standards contribution by the last day of February of the next year; a weekend or holiday moves it to the next business day.",
  })
  dueOn!: string;

  @Field(() => RemittanceStatus, { description: "Where the remittance is." })
  status!: RemittanceStatus;

  @Field(() => String, { nullable: true, description: "Confirmation (authority) or trace (bank) number, once confirmed." })
  confirmationNumber!: string | null;

  @Field(() => String, { nullable: true, description: "Why it failed, when FAILED." })
  failureReason!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "When FAILED: true when submitting it again may succeed (e.g. a timeout), false when something must be fixed first (e.g. a closed account). Null otherwise.",
  })
  retryable!: boolean | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was last submitted; null while SCHEDULED." })
  submittedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was confirmed or failed; null before." })
  settledAt!: Date | null;

  @Field(() => Int, { description: "Optimistic-lock version, incremented on every change: pass it as `expectedVersion` to the sandbox mutations of the remittance." })
  version!: number;

  @Field(() => DateTimeScalar, { description: "When the remittance was created." })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: "When it last changed (status included); filter with `updatedSince` to sync incrementally." })
  updatedAt!: Date;
}

export const RemittanceConnection = ConnectionType(Remittance, "Remittance", "remittances");

export function toRemittance(row: RemittanceRow): Remittance {
  const remittance = new Remittance();
  remittance.id = toGlobalId("Remittance", row.id);
  remittance.dbId = row.id;
  remittance.clientDbId = row.clientId;
  remittance.payrollRunDbId = row.payrollRunId;
  remittance.paymentMethodDbId = row.paymentMethodId;
  remittance.kind = row.kind as RemittanceKind;
  remittance.payeeName = row.payeeName;
  // payee_key is internal (`worker:<uuid>` for payments); only an authority code is shown.
  remittance.authority = row.kind === "TAX" ? row.payeeKey : null;
  remittance.taxAuthority = row.kind === "TAX" ? row.payeeKey : null;
  remittance.amount = money(row.amount, row.currency);
  remittance.employeeShare = money(row.employeeShare, row.currency);
  remittance.employerShare = money(row.employerShare, row.currency);
  remittance.dueOn = row.dueOn;
  remittance.status = row.status as RemittanceStatus;
  remittance.confirmationNumber = row.confirmationNumber;
  remittance.failureReason = row.failureReason;
  remittance.retryable = row.retryable;
  remittance.submittedAt = row.submittedAt;
  remittance.settledAt = row.settledAt;
  remittance.version = row.version;
  remittance.createdAt = row.createdAt;
  remittance.updatedAt = row.updatedAt;
  return remittance;
}
