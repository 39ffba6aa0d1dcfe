import type { Context } from "../../context";
import { failed, rejectedBy, succeeded, type CommandResult } from "../../shared/command-result";
import { parseGlobalId } from "../../shared/global-id";
import { newId } from "../../shared/ids";
import { userError, UserErrorCode, UserErrors, staleVersionMessage } from "../../shared/user-error";
import { canRead } from "../../auth/read-scopes";
import { recordEvents, type EventInput } from "../events/event.repository";
import { workerRepository } from "../workers/worker.repository";
import { toWorker, type Worker } from "../workers/worker.type";
import {
  abaRoutingProblem,
  canadianAccountProblem,
  institutionNumberProblem,
  normalizeDigits,
  transitNumberProblem,
  usAccountProblem,
  type BankCountry,
} from "./bank-account.rules";
import { sealBankNumbers } from "./payment-method-secret";
import { paymentMethodRepository, type PaymentMethodInsert } from "./payment-method.repository";
import { activePaymentMethodByWorkerId, paymentMethodById } from "./payment-method.loaders";
import { toPaymentMethod, type PaymentMethod, type PaymentMethodRow } from "./payment-method.type";
import type { RemovePaymentMethodInput, SetPaymentMethodInput } from "./payment-method.input";

/** A validated bank account: digits only, never logged nor echoed in a message. */
interface BankNumbers {
  country: BankCountry;
  routing: string;
  account: string;
  accountType: "CHECKING" | "SAVINGS" | null;
}

/** What an event says about a method: ids, kind, status, country. Never a number, nor its last digits. */
function snapshot(row: PaymentMethodRow) {
  return { workerId: row.workerId, kind: row.kind, status: row.status, bankCountry: row.bankCountry, version: row.version };
}

/**
 * Use cases of payment methods. Reads need `workers:read` (the digits `pii:read`, checked by the resolver);
 * changes need `workers:write`. A change locks the worker's row, so two changes of one worker run one after the
 * other and the partial unique index (one ACTIVE method per worker) is never raced.
 */
export class PaymentMethodService {
  constructor(private readonly ctx: Context) {}

  async byId(id: string): Promise<PaymentMethod | null> {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(paymentMethodById).load(id);
    return row ? toPaymentMethod(row) : null;
  }

  async activeOfWorker(worker: Worker): Promise<PaymentMethod | null> {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(activePaymentMethodByWorkerId).load(worker.dbId);
    return row ? toPaymentMethod(row) : null;
  }

  async set(input: SetPaymentMethodInput): Promise<CommandResult<{ paymentMethod: PaymentMethod; replacedPaymentMethod: PaymentMethod | null }>> {
    const { principal, db, pii } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();
    const workerId = this.workerIdOf(errors, input.workerId);
    this.expectedVersionRule(errors, input.expectedVersion);
    const bank = this.bankNumbersOf(errors, input);
    if (errors.any || workerId === null) return rejectedBy(errors);

    const result = await db.transaction(async (tx): Promise<CommandResult<{ created: PaymentMethodRow; replaced: PaymentMethodRow | null }>> => {
      const worker = await workerRepository.lockById(tx, principal.tenants, workerId);
      if (worker === null) return failed(userError(["workerId"], UserErrorCode.NOT_FOUND, "Worker not found"));
      const { active, latestVersion } = await paymentMethodRepository.currentOfWorker(tx, principal.tenants, workerId);
      const stale = this.staleVersion(active, input.expectedVersion);
      if (stale) return failed(stale);
      const replaced = active ? await paymentMethodRepository.end(tx, principal.tenants, active.id, "REPLACED") : null;
      const id = newId();
      const row: PaymentMethodInsert = {
        id,
        clientId: worker.clientId,
        workerId,
        kind: input.kind,
        version: latestVersion + 1,
        ...(bank
          ? { bankCountry: bank.country, accountType: bank.accountType, ...sealBankNumbers(pii, id, bank.routing, bank.account) }
          : { bankCountry: null, accountType: null, routingEncrypted: null, accountEncrypted: null }),
      };
      const created = await paymentMethodRepository.insert(tx, row);
      const events: EventInput[] = [];
      if (replaced) events.push(this.event(replaced, "paymentMethod.replaced", active, { replacedBy: created.id }));
      events.push(this.event(created, "paymentMethod.set", null, replaced ? { replaces: replaced.id } : {}));
      await recordEvents(tx, events);
      return succeeded({ created, replaced });
    });
    if (!result.ok) return result;
    return succeeded({ paymentMethod: toPaymentMethod(result.value.created), replacedPaymentMethod: result.value.replaced && toPaymentMethod(result.value.replaced) });
  }

  async remove(input: RemovePaymentMethodInput): Promise<CommandResult<{ removedPaymentMethod: PaymentMethod; worker: Worker }>> {
    const { principal, db } = this.ctx;
    principal.assertScope("workers:write");
    const errors = new UserErrors();
    const workerId = this.workerIdOf(errors, input.workerId);
    this.expectedVersionRule(errors, input.expectedVersion);
    if (errors.any || workerId === null) return rejectedBy(errors);

    const result = await db.transaction(async (tx): Promise<CommandResult<{ removed: PaymentMethodRow; worker: Worker }>> => {
      const worker = await workerRepository.lockById(tx, principal.tenants, workerId);
      if (worker === null) return failed(userError(["workerId"], UserErrorCode.NOT_FOUND, "Worker not found"));
      const { active } = await paymentMethodRepository.currentOfWorker(tx, principal.tenants, workerId);
      if (active === null) return failed(userError(["workerId"], UserErrorCode.NO_PAYMENT_METHOD, "The worker has no active payment method"));
      const stale = this.staleVersion(active, input.expectedVersion);
      if (stale) return failed(stale);
      const removed = await paymentMethodRepository.end(tx, principal.tenants, active.id, "REMOVED");
      await recordEvents(tx, [this.event(removed, "paymentMethod.removed", active, {})]);
      return succeeded({ removed, worker: toWorker(worker) });
    });
    if (!result.ok) return result;
    return succeeded({ removedPaymentMethod: toPaymentMethod(result.value.removed), worker: result.value.worker });
  }

  private event(
    row: PaymentMethodRow,
    type: "paymentMethod.set" | "paymentMethod.replaced" | "paymentMethod.removed",
    before: PaymentMethodRow | null,
    extra: Record<string, string>,
  ): EventInput {
    return {
      clientId: row.clientId,
      type,
      objectType: "PaymentMethod",
      objectId: row.id,
      actor: this.ctx.principal.actor,
      before: before && snapshot(before),
      after: { ...snapshot(row), ...extra },
    };
  }

  /** STALE_VERSION when `expectedVersion` is given and is not the active method's version (0: none). */
  private staleVersion(active: PaymentMethodRow | null, expectedVersion: number | null | undefined) {
    const current = active?.version ?? 0;
    if (expectedVersion == null || expectedVersion === current) return null;
    return userError(
      ["expectedVersion"],
      UserErrorCode.STALE_VERSION,
      staleVersionMessage("worker's payment method", current, expectedVersion, canRead(this.ctx.principal, "PaymentMethod")),
    );
  }

  private expectedVersionRule(errors: UserErrors, expectedVersion: number | null | undefined) {
    if (expectedVersion == null) return;
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
      errors.add(["expectedVersion"], UserErrorCode.INVALID_INPUT, "expectedVersion must be 0 or a positive integer");
  }

  private workerIdOf(errors: UserErrors, globalId: string): string | null {
    const id = parseGlobalId(globalId, "Worker");
    if (id === null) errors.add(["workerId"], UserErrorCode.INVALID_ID, "workerId is not a valid Worker ID");
    return id;
  }

  /** The validated account of a BANK_ACCOUNT input (null for CHECK); each problem a userError that never quotes the number. */
  private bankNumbersOf(errors: UserErrors, input: SetPaymentMethodInput): BankNumbers | null {
    const us = input.usBankAccount ?? null;
    const ca = input.canadianBankAccount ?? null;
    if (input.kind === "CHECK") {
      if (us || ca) errors.add([us ? "usBankAccount" : "canadianBankAccount"], UserErrorCode.INVALID_INPUT, "A CHECK takes no bank account");
      return null;
    }
    if ((us === null) === (ca === null)) {
      errors.add(["kind"], UserErrorCode.INVALID_INPUT, "A BANK_ACCOUNT takes exactly one of usBankAccount and canadianBankAccount");
      return null;
    }
    const problems: [string[], UserErrorCode, string | null][] = [];
    let bank: BankNumbers;
    if (us) {
      const routing = normalizeDigits(us.routingNumber);
      const account = normalizeDigits(us.accountNumber);
      problems.push([["usBankAccount", "routingNumber"], UserErrorCode.INVALID_ROUTING_NUMBER, abaRoutingProblem(routing)]);
      problems.push([["usBankAccount", "accountNumber"], UserErrorCode.INVALID_ACCOUNT_NUMBER, usAccountProblem(account)]);
      bank = { country: "US", routing, account, accountType: us.accountType };
    } else {
      const institution = normalizeDigits(ca!.institutionNumber);
      const transit = normalizeDigits(ca!.transitNumber);
      const account = normalizeDigits(ca!.accountNumber);
      problems.push([["canadianBankAccount", "institutionNumber"], UserErrorCode.INVALID_ROUTING_NUMBER, institutionNumberProblem(institution)]);
      problems.push([["canadianBankAccount", "transitNumber"], UserErrorCode.INVALID_ROUTING_NUMBER, transitNumberProblem(transit)]);
      problems.push([["canadianBankAccount", "accountNumber"], UserErrorCode.INVALID_ACCOUNT_NUMBER, canadianAccountProblem(account)]);
      bank = { country: "CA", routing: `${institution}${transit}`, account, accountType: null };
    }
    for (const [field, code, problem] of problems) if (problem !== null) errors.add(field, code, problem);
    return bank;
  }
}
