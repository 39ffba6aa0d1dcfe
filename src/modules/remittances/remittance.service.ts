import type { Context } from "../../context";
import { requireGlobalId } from "../../shared/global-id";
import { toConnection, toPage, toPageRequest } from "../../shared/pagination";
import { remittanceRepository } from "./remittance.repository";
import { remittanceById } from "./remittance.loaders";
import { toRemittance } from "./remittance.type";
import type { RemittancesArgs } from "./remittance.input";

/** Reads of remittances (the payroll engine creates and moves them). Needs `remittances:read`. */
export class RemittanceService {
  constructor(private readonly ctx: Context) {}

  async list(args: RemittancesArgs) {
    const { db, principal } = this.ctx;
    principal.assertScope("remittances:read");
    const request = toPageRequest(args);
    const filter = {
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      payrollRunId: args.payrollRunId != null ? requireGlobalId(args.payrollRunId, "PayrollRun", "payrollRunId") : null,
      status: args.status,
      kind: args.kind,
      dueBefore: args.dueBefore,
      updatedSince: args.updatedSince,
    };
    const rows = await remittanceRepository.page(db, principal.tenants, filter, request);
    return toConnection(toPage(rows, request), toRemittance, () => remittanceRepository.count(db, principal.tenants, filter));
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("remittances:read");
    const row = await this.ctx.loaders.get(remittanceById).load(id);
    return row ? toRemittance(row) : null;
  }
}
