import DataLoader from "dataloader";
import type { LoaderFactory } from "../../loaders";
import { paymentMethodRepository } from "./payment-method.repository";
import type { PaymentMethodRow } from "./payment-method.type";

/** Payment method by uuid (any status), scoped to the caller's tenants. */
export const paymentMethodById: LoaderFactory<DataLoader<string, PaymentMethodRow | null>> = (db, principal) =>
  new DataLoader(async (ids) => {
    const rows = await paymentMethodRepository.findByIds(db, principal.tenants, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** The ACTIVE payment method of each worker (`Worker.paymentMethod`), one statement per page of workers. */
export const activePaymentMethodByWorkerId: LoaderFactory<DataLoader<string, PaymentMethodRow | null>> = (db, principal) =>
  new DataLoader(async (workerIds) => {
    const rows = await paymentMethodRepository.activeByWorkerIds(db, principal.tenants, workerIds);
    const byWorker = new Map(rows.map((r) => [r.workerId, r]));
    return workerIds.map((id) => byWorker.get(id) ?? null);
  });
