import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Client, toClient } from "../clients/client.type";
import { clientById } from "../clients/client.loaders";
import { Withholding, Worker, WorkerConnection, toWithholding } from "./worker.type";
import { ClientWorkersArgs, CreateWorkerInput, UpdateWorkerInput, WorkerByExternalIdArgs, WorkersArgs } from "./worker.input";
import { CreateWorkerPayload, UpdateWorkerPayload } from "./worker.payload";
import { toPayload } from "../../shared/command-result";
import { WorkerService } from "./worker.service";
import { openTaxId } from "./worker-tax-id";
import { openCertificates } from "./worker-certificates";

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => WorkerConnection, { description: "Workers of the clients the caller may act for. Needs `workers:read`." })
  workers(@Args(() => WorkersArgs) args: WorkersArgs, @Ctx() ctx: Context) {
    return new WorkerService(ctx).list(args);
  }

  @Query(() => Worker, {
    nullable: true,
    description: "The worker an integrator knows by its own identifier. Null when there is none or the client is not the caller's (indistinguishable). Needs `workers:read`.",
  })
  workerByExternalId(@Args(() => WorkerByExternalIdArgs) args: WorkerByExternalIdArgs, @Ctx() ctx: Context) {
    return new WorkerService(ctx).byExternalId(args);
  }

  @Mutation(() => CreateWorkerPayload, { description: "Adds a worker to a client's workforce. Needs `workers:write`." })
  async createWorker(@Arg("input", () => CreateWorkerInput, { description: "The new worker." }) input: CreateWorkerInput, @Ctx() ctx: Context) {
    return toPayload("worker", await new WorkerService(ctx).create(input));
  }

  @Mutation(() => UpdateWorkerPayload, {
    description: "Changes a worker, guarded by `expectedVersion` (optimistic locking). Needs `workers:write`.",
  })
  async updateWorker(@Arg("input", () => UpdateWorkerInput, { description: "The changes." }) input: UpdateWorkerInput, @Ctx() ctx: Context) {
    return toPayload("worker", await new WorkerService(ctx).update(input));
  }

  @FieldResolver(() => Client, { nullable: true, description: "The client whose workforce the worker belongs to. Needs `clients:read` (null with a FORBIDDEN error otherwise)." })
  async client(@Root() worker: Worker, @Ctx() ctx: Context) {
    const row = await ctx.loaders.get(clientById).load(worker.clientDbId);
    if (row === null) throw new Error("worker visible without its client"); // tenant filters are the same key
    return toClient(row);
  }

  @FieldResolver(() => String, { nullable: true, description: "Email address. Needs `pii:read` (null with a FORBIDDEN error otherwise)." })
  email(@Root() worker: Worker, @Ctx() ctx: Context) {
    ctx.principal.assertScope("pii:read");
    return worker.row.email;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Last four digits of the SSN/SIN; null when none is on file. The full number is never returned. Needs `pii:read` (null with a FORBIDDEN error otherwise).",
  })
  taxIdLast4(@Root() worker: Worker, @Ctx() ctx: Context) {
    ctx.principal.assertScope("pii:read");
    // Decrypted in memory from the row the worker was loaded with: no statement per worker of a page.
    const { taxIdEncrypted } = worker.row;
    return taxIdEncrypted === null ? null : openTaxId(ctx.pii, { id: worker.dbId, taxIdEncrypted }).slice(-4);
  }

  @FieldResolver(() => Withholding, {
    nullable: true,
    description: "Withholding elections (W-4, TD1, state and provincial certificates, CPP/EI exemptions). Needs `pii:read` (null with a FORBIDDEN error otherwise).",
  })
  withholding(@Root() worker: Worker, @Ctx() ctx: Context) {
    ctx.principal.assertScope("pii:read");
    // Decrypted in memory from the row the worker was loaded with, like the tax id.
    return toWithholding(worker.row, openCertificates(ctx.pii, worker.dbId, worker.row.withholdingCertificatesEncrypted));
  }
}

/** `Client.workers`: the workers module's edge on the client type. */
@Resolver(() => Client)
export class ClientWorkersResolver {
  @FieldResolver(() => WorkerConnection, { nullable: true, description: "The client's workers (Relay connection). Needs `workers:read` (null with a FORBIDDEN error otherwise)." })
  workers(@Root() client: Client, @Args(() => ClientWorkersArgs) args: ClientWorkersArgs, @Ctx() ctx: Context) {
    return new WorkerService(ctx).listOfClient(client, args);
  }
}
