import type { Context } from "../../context";
import { todayUtc } from "../../shared/calendar";
import { badInput } from "../../shared/errors";
import { requireGlobalId } from "../../shared/global-id";
import { isSubdivision } from "../../shared/jurisdiction";
import { encodeCursor, toConnection, toPage, toPageRequest, type ConnectionArgs } from "../../shared/pagination";
import type { Client } from "../clients/client.type";
import type { Worker } from "../workers/worker.type";
import { engagementRepository, type EngagementFilter } from "./engagement.repository";
import { compensationById, engagementById, engagementCountByClient, engagementCountByWorker, engagementsPageByClient, engagementsPageByWorker } from "./engagement.loaders";
import { engagementPageColumns, toEngagement, toEngagementWithRelations } from "./engagement.type";
import type { NodeSelection } from "../../shared/selection";
import { toCompensation } from "./compensation.type";
import type { ClientEngagementsArgs, EngagementsArgs } from "./engagement.input";

/**
 * Reads of engagements and their compensation; they need `workers:read` (the commands are
 * EngagementCommandService).
 */
export class EngagementQueryService {
  constructor(private readonly ctx: Context) {}

  async list(args: EngagementsArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const filter: EngagementFilter = {
      ...filterOf(args),
      clientId: args.clientId != null ? requireGlobalId(args.clientId, "Client", "clientId") : null,
      workerId: args.workerId != null ? requireGlobalId(args.workerId, "Worker", "workerId") : null,
    };
    const { db, principal } = this.ctx;
    const today = todayUtc();
    const rows = await engagementRepository.page(db, principal.tenants, filter, request, today);
    return toConnection(toPage(rows, request), toEngagement, () => engagementRepository.count(db, principal.tenants, filter, today));
  }

  /** `Client.engagements`: one batched statement for every client of the page. */
  async listOfClient(client: Client, args: ClientEngagementsArgs) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const filter = filterOf(args);
    const page = await this.ctx.loaders.get(engagementsPageByClient).load({ clientId: client.dbId, filter, request });
    return toConnection(page, toEngagement, () => this.ctx.loaders.get(engagementCountByClient).load({ clientId: client.dbId, filter }));
  }

  /**
   * `Worker.engagements`: every worker's page of engagements in one statement, with each engagement's client and
   * current compensation. `selection`, what the page's selection reads on the engagements (`connectionNodeSelection`),
   * decides the columns read of each part: its summary's when it asks for no other field (`ENGAGEMENT_PAGE_SUMMARY`).
   */
  async listOfWorker(worker: Worker, args: ConnectionArgs, selection: NodeSelection) {
    this.ctx.principal.assertScope("workers:read");
    const request = toPageRequest(args);
    const columns = engagementPageColumns(selection);
    const page = await this.ctx.loaders.get(engagementsPageByWorker).load({ workerId: worker.dbId, request, columns });
    return toConnection(
      page,
      toEngagementWithRelations,
      () => this.ctx.loaders.get(engagementCountByWorker).load(worker.dbId),
      (read) => encodeCursor(read.engagement.id),
    );
  }

  async byId(id: string) {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(engagementById).load(id);
    return row ? toEngagement(row) : null;
  }

  async compensationById(id: string) {
    this.ctx.principal.assertScope("workers:read");
    const row = await this.ctx.loaders.get(compensationById).load(id);
    return row ? toCompensation(row) : null;
  }
}

function filterOf(args: ClientEngagementsArgs): EngagementFilter {
  if (args.workJurisdiction != null && !isSubdivision(args.workJurisdiction)) {
    throw badInput("workJurisdiction is not a supported ISO 3166-2 subdivision (e.g. US-CA, CA-ON)", { argument: "workJurisdiction" });
  }
  return {
    status: args.status ?? null,
    workJurisdiction: args.workJurisdiction ?? null,
    classification: args.classification ?? null,
    updatedSince: args.updatedSince ?? null,
  };
}
