/**
 * Creates the remittances of an approved payroll run, inside the approval transaction:
 *
 * - one TAX remittance per authority (IRS Form 941, IRS Form 940, each state agency, CRA, Revenu Québec — see
 *   authorities.ts), its employee share (EMPLOYEE_TAX lines) and employer share (EMPLOYER_TAX lines) kept apart,
 *   every cent traceable to its statement lines through `remittance_items`;
 * - one NET_PAY remittance per worker (payee key `worker:<uuid>`; a worker with two statements in a run gets one
 *   payment), and one CONTRACTOR_PAYMENT per contractor (US_1099_CONTRACTOR, CA_T4A_CONTRACTOR). Their items are the
 *   statement's REIMBURSEMENT lines first, then its EARNING lines in order, taken up to the net amount: the
 *   withholding comes out of the earnings, reimbursements pass through whole. Nothing is remitted for a zero amount;
 * - one BENEFIT_CARRIER remittance per benefit plan (payee key `plan:<uuid>`, payee the plan's carrier): its
 *   employee share (the DED_<KIND> lines) and employer share (the BEN_ER_<KIND> lines) of the statements that
 *   applied the plan (`pay_statement_benefits`), due on the pay date;
 * - due dates from due-dates.ts (pay date for payments).
 *
 * `(payroll_run_id, kind, payee_key)` is unique and the inserts are `ON CONFLICT DO NOTHING`: calling this twice
 * for a run (a retried approval, a crash between two attempts) creates nothing the second time — no remittance,
 * no item, no event. Each created remittance records `remittance.created` in the same transaction.
 */
import type { Db } from "../../db/client";
import { newId } from "../../shared/ids";
import { isClassification, isContractor } from "../../shared/classification";
import { recordEvents } from "../events/event.repository";
import { authorityByCode, authorityForLine } from "./authorities";
import { DEFAULT_DEPOSITOR_SCHEDULE, remittanceDueDate, type DueDateContext } from "./due-dates";
import { paymentMethodRepository } from "../payment-methods/payment-method.repository";
import { remittanceRepository, type NewRemittance, type NewRemittanceItem } from "./remittance.repository";

/** A statement of an approved run, as the approval hands it over (amounts in minor units). */
export interface SchedulableStatement {
  id: string;
  engagementId: string;
  workerId: string;
  classification: string;
  workJurisdiction: string;
  net: number;
  lines: { id: string; code: string; kind: string; amount: number }[];
  /** The benefit plans the engine applied on this statement (one per kind). */
  benefits?: { planId: string; kind: string }[];
}

export interface SchedulableRun {
  id: string;
  clientId: string;
  employerEntityId: string;
  payDate: string;
  currency: "USD" | "CAD";
  country: "US" | "CA";
}

/** A remittance before it has a due date, payee name and id. */
export interface PlannedRemittance {
  kind: "TAX" | "NET_PAY" | "CONTRACTOR_PAYMENT" | "BENEFIT_CARRIER";
  payeeKey: string;
  /** Worker uuid for payments. */
  workerId: string | null;
  /** Benefit plan uuid for BENEFIT_CARRIER. */
  planId?: string;
  employeeShare: number;
  employerShare: number;
  amount: number;
  items: { lineId: string; amount: number }[];
}

/** Net pay as items: reimbursements first, then earnings in statement order, up to `net`. */
function paymentItems(statement: SchedulableStatement): { lineId: string; amount: number }[] {
  const sources = [...statement.lines.filter((l) => l.kind === "REIMBURSEMENT"), ...statement.lines.filter((l) => l.kind === "EARNING")];
  const items: { lineId: string; amount: number }[] = [];
  let left = statement.net;
  for (const line of sources) {
    if (left === 0) break;
    const amount = Math.min(line.amount, left);
    if (amount > 0) items.push({ lineId: line.id, amount });
    left -= amount;
  }
  if (left !== 0) {
    throw new Error(`Pay statement ${statement.id}: net ${statement.net} exceeds its earning and reimbursement lines`);
  }
  return items;
}

/** Groups a run's statements into remittances (pure). Throws on a tax line no authority is known for. */
export function planRemittances(statements: readonly SchedulableStatement[]): PlannedRemittance[] {
  const taxes = new Map<string, PlannedRemittance>();
  const payments = new Map<string, PlannedRemittance>();
  const carriers = new Map<string, PlannedRemittance>();
  for (const statement of statements) {
    for (const benefit of statement.benefits ?? []) {
      let carrier = carriers.get(benefit.planId);
      if (!carrier) {
        carrier = { kind: "BENEFIT_CARRIER", payeeKey: `plan:${benefit.planId}`, workerId: null, planId: benefit.planId, employeeShare: 0, employerShare: 0, amount: 0, items: [] };
        carriers.set(benefit.planId, carrier);
      }
      for (const line of statement.lines) {
        const employee = line.code === `DED_${benefit.kind}`;
        if ((!employee && line.code !== `BEN_ER_${benefit.kind}`) || line.amount === 0) continue;
        if (employee) carrier.employeeShare += line.amount;
        else carrier.employerShare += line.amount;
        carrier.amount += line.amount;
        carrier.items.push({ lineId: line.id, amount: line.amount });
      }
    }
    for (const line of statement.lines) {
      if (line.code.startsWith("BEN_ER_") || line.code.startsWith("DED_")) continue; // benefit lines: BENEFIT_CARRIER above
      if ((line.kind !== "EMPLOYEE_TAX" && line.kind !== "EMPLOYER_TAX") || line.amount === 0) continue;
      const authority = authorityForLine(line.code);
      if (!authority) throw new Error(`No tax authority is known for statement line code ${line.code}`);
      let tax = taxes.get(authority.code);
      if (!tax) {
        tax = { kind: "TAX", payeeKey: authority.code, workerId: null, employeeShare: 0, employerShare: 0, amount: 0, items: [] };
        taxes.set(authority.code, tax);
      }
      if (line.kind === "EMPLOYEE_TAX") tax.employeeShare += line.amount;
      else tax.employerShare += line.amount;
      tax.amount += line.amount;
      tax.items.push({ lineId: line.id, amount: line.amount });
    }
    if (statement.net === 0) continue;
    const kind = isClassification(statement.classification) && isContractor(statement.classification) ? "CONTRACTOR_PAYMENT" : "NET_PAY";
    const key = `${kind}:${statement.workerId}`;
    let payment = payments.get(key);
    if (!payment) {
      payment = { kind, payeeKey: `worker:${statement.workerId}`, workerId: statement.workerId, employeeShare: 0, employerShare: 0, amount: 0, items: [] };
      payments.set(key, payment);
    }
    payment.amount += statement.net;
    payment.items.push(...paymentItems(statement));
  }
  return [...taxes.values(), ...payments.values(), ...[...carriers.values()].filter((c) => c.amount > 0)];
}

/**
 * Creates the remittances of an approved run inside the approval transaction (see the module comment).
 * Idempotent: a second call for the same run creates nothing.
 */
export async function scheduleRemittances(
  tx: Db,
  run: { id: string; clientId: string; employerEntityId: string; payDate: string; currency: "USD" | "CAD"; country: "US" | "CA" },
  statements: SchedulableStatement[],
  actor: { kind: "OPERATOR" | "CLIENT" | "PARTNER" | "SYSTEM"; id: string },
): Promise<void> {
  const planned = planRemittances(statements);
  if (planned.length === 0) return;

  const federal = planned.find((p) => p.kind === "TAX" && p.payeeKey === "IRS");
  const followsFederal = planned.some((p) => p.kind === "TAX" && ["IRS_941", "FOLLOWS_FEDERAL"].includes(authorityByCode(p.payeeKey).rule));
  const context: DueDateContext = { depositorSchedule: DEFAULT_DEPOSITOR_SCHEDULE, federalLiabilityOnPayDate: federal?.amount ?? 0 };
  if (followsFederal) {
    await remittanceRepository.lockDepositDay(tx, run.employerEntityId, run.payDate);
    context.federalLiabilityOnPayDate += await remittanceRepository.federalLiabilityOnDay(tx, run.employerEntityId, run.payDate, run.id);
  }

  const workerIds = [...new Set(planned.flatMap((p) => (p.workerId ? [p.workerId] : [])))];
  const names = await remittanceRepository.workerPayeeNames(tx, run.clientId, workerIds);
  const carrierNames = await remittanceRepository.planPayeeNames(tx, [...new Set(planned.flatMap((p) => (p.planId ? [p.planId] : [])))]);
  const destinations = await paymentMethodRepository.activeIdsOfWorkers(tx, run.clientId, workerIds);

  const rows: NewRemittance[] = planned.map((p) => {
    const authority = p.kind === "TAX" ? authorityByCode(p.payeeKey) : null;
    return {
      id: newId(),
      clientId: run.clientId,
      payrollRunId: run.id,
      kind: p.kind,
      payeeKey: p.payeeKey,
      payeeName: authority ? authority.name : p.planId ? (carrierNames.get(p.planId) ?? `Benefit plan ${p.planId}`) : (names.get(p.workerId!) ?? `Worker ${p.workerId}`),
      employeeShare: p.employeeShare,
      employerShare: p.employerShare,
      amount: p.amount,
      currency: run.currency,
      dueOn: remittanceDueDate(authority ? authority.rule : "PAY_DATE", run.payDate, context),
      status: "SCHEDULED",
      paymentMethodId: p.workerId ? (destinations.get(p.workerId) ?? null) : null,
    };
  });

  const created = await remittanceRepository.insertNew(tx, rows);
  if (created.length === 0) return;
  const plannedByKey = new Map(planned.map((p) => [`${p.kind}:${p.payeeKey}`, p]));
  const items: NewRemittanceItem[] = [];
  for (const row of created) {
    for (const item of plannedByKey.get(`${row.kind}:${row.payeeKey}`)!.items) {
      items.push({ remittanceId: row.id, payStatementLineId: item.lineId, clientId: run.clientId, amount: item.amount });
    }
  }
  await remittanceRepository.insertItems(tx, items);
  await recordEvents(
    tx,
    created.map((row) => ({
      clientId: run.clientId,
      type: "remittance.created",
      objectType: "Remittance",
      objectId: row.id,
      actor,
      before: null,
      after: {
        status: "SCHEDULED",
        payrollRunId: run.id,
        kind: row.kind,
        ...(row.kind === "TAX" ? { authority: row.payeeKey } : {}),
        ...(row.kind === "BENEFIT_CARRIER" ? { benefitPlanId: row.payeeKey.slice(5) } : {}),
        amount: row.amount,
        currency: row.currency,
        dueOn: row.dueOn,
      },
    })),
  );
}
