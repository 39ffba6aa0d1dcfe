import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { MaxItems } from "../../shared/list-limits";
import { Worker, toWorker } from "../workers/worker.type";
import { workerById } from "../workers/worker.loaders";
import { EmployerEntity, toEmployerEntity } from "../employers/employer.type";
import { employerEntityById } from "../employers/employer.loaders";
import { FilingsService } from "./filings.service";
import { FormW2, QuarterlyFilings, Rl1Slip, T4Slip } from "./filings.type";
import { CA_SUBDIVISIONS } from "../../shared/jurisdiction";

const YEAR = "Calendar (tax) year, by pay date: 2000–2100 (BAD_USER_INPUT otherwise).";
const WORKER = "The worker (a Worker ID within the caller's clients; NOT_FOUND otherwise).";

@Resolver()
export class FilingsResolver {
  @Query(() => QuarterlyFilings, {
    description:
      "Quarterly filings of an employer entity, computed from the quarter's approved (or later) statements by pay date: Form 941 and each state's wage report totals for the US entity, the PD7A monthly summaries for the Canadian one. The entity's whole filing spans every client: OPERATOR only (FORBIDDEN otherwise); with `clientId`, a caller who may act for the client reads that client's share. Needs `filings:read`.",
  })
  quarterlyFilings(
    @Arg("employerEntityId", () => ID, { description: "The employer entity (`employerEntities`)." }) employerEntityId: string,
    @Arg("year", () => Int, { description: YEAR }) year: number,
    @Arg("quarter", () => Int, { description: "Calendar quarter 1–4 (January–March is 1)." }) quarter: number,
    @Arg("clientId", () => ID, { nullable: true, description: "Only this client's statements and deposits: the client's share of the entity's filing (for reconciliation)." })
    clientId: string | null,
    @Ctx() ctx: Context,
  ) {
    return new FilingsService(ctx).quarterly({ employerEntityId, year, quarter, clientId });
  }

  @Query(() => FormW2, {
    nullable: true,
    description:
      "Form W-2 box values of a worker from the US employer entity for a year, summed from the year's approved (or later) statements; null when the entity paid the worker no W-2 wages that year. Needs `filings:read`; the worker must be within the caller's clients.",
  })
  w2(
    @Arg("workerId", () => ID, { description: WORKER }) workerId: string,
    @Arg("employerEntityId", () => ID, { description: "The US employer entity (BAD_USER_INPUT for the Canadian one)." }) employerEntityId: string,
    @Arg("year", () => Int, { description: YEAR }) year: number,
    @Ctx() ctx: Context,
  ) {
    return new FilingsService(ctx).w2({ workerId, employerEntityId, year });
  }

  @MaxItems(CA_SUBDIVISIONS.length)
  @Query(() => [T4Slip], {
    description:
      "T4 slips of a worker from the Canadian employer entity for a year, one per province of employment (at most 13), summed from the year's approved (or later) statements; empty when none. Needs `filings:read`; the worker must be within the caller's clients.",
  })
  t4Slips(
    @Arg("workerId", () => ID, { description: WORKER }) workerId: string,
    @Arg("employerEntityId", () => ID, { description: "The Canadian employer entity (BAD_USER_INPUT for the US one)." }) employerEntityId: string,
    @Arg("year", () => Int, { description: YEAR }) year: number,
    @Ctx() ctx: Context,
  ) {
    return new FilingsService(ctx).t4Slips({ workerId, employerEntityId, year });
  }

  @Query(() => Rl1Slip, {
    nullable: true,
    description:
      "The Quebec RL-1 slip of a worker from the Canadian employer entity for a year, summed from the year's approved (or later) statements of CA-QC engagements; null without Quebec employment. Needs `filings:read`; the worker must be within the caller's clients.",
  })
  rl1(
    @Arg("workerId", () => ID, { description: WORKER }) workerId: string,
    @Arg("employerEntityId", () => ID, { description: "The Canadian employer entity (BAD_USER_INPUT for the US one)." }) employerEntityId: string,
    @Arg("year", () => Int, { description: YEAR }) year: number,
    @Ctx() ctx: Context,
  ) {
    return new FilingsService(ctx).rl1({ workerId, employerEntityId, year });
  }
}

/** `worker` and `employerEntity` of the year-end forms, through the tenant-scoped loaders. */
function yearEndRelations<T extends { workerDbId: string; employerEntityDbId: string }>(of: new () => T, name: string) {
  @Resolver(() => of)
  class YearEndRelations {
    @FieldResolver(() => Worker, { nullable: true, description: `The worker the ${name} is for. Needs \`workers:read\` (null with a FORBIDDEN error otherwise).` })
    async worker(@Root() form: T, @Ctx() ctx: Context) {
      const row = await ctx.loaders.get(workerById).load(form.workerDbId);
      return row && toWorker(row);
    }

    @FieldResolver(() => EmployerEntity, { nullable: true, description: `The employer entity issuing the ${name}.` })
    async employerEntity(@Root() form: T, @Ctx() ctx: Context) {
      const row = await ctx.loaders.get(employerEntityById).load(form.employerEntityDbId);
      return row && toEmployerEntity(row);
    }
  }
  return YearEndRelations;
}

export const FormW2RelationsResolver = yearEndRelations(FormW2, "W-2");
export const T4SlipRelationsResolver = yearEndRelations(T4Slip, "T4");
export const Rl1SlipRelationsResolver = yearEndRelations(Rl1Slip, "RL-1");
