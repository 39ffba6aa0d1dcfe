import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { startTestServer, dataOf, errorCodes, unique, type TestServer } from "../support/server";
import { newClient } from "../support/factories";
import {
  AcceptMsaDocument,
  ActivateMsaDocument,
  AddMsaClauseDocument,
  ClientMsasDocument,
  ClientsWithMsaDocument,
  CreateMsaDocument,
  EngagementResponsibilitiesDocument,
  MsaClausesDocument,
  MsaNodeDocument,
  MsasDocument,
  RemoveMsaClauseDocument,
  type AddMsaClauseInput,
  type ResponsibilityCategory,
} from "../generated/graphql";
import { employerEntities, engagements, events, msaClauses, msas, workers } from "../../src/db/schema";
import { newId } from "../../src/shared/ids";
import { parseGlobalId, toGlobalId } from "../../src/shared/global-id";

/**
 * MSA versions and clauses, and `Engagement.responsibilities`, against a real server (Postgres or PGlite).
 * Engagements are inserted with drizzle (worker + engagement rows) so these tests do not depend on `hireWorker`;
 * they are read back through `node(id)`.
 */
let t: TestServer;
let operator: string;

const ALL_CATEGORIES: ResponsibilityCategory[] = [
  "PAYROLL_PROCESSING",
  "PAYROLL_APPROVAL",
  "TAX_WITHHOLDING",
  "TAX_REMITTANCE",
  "REGULATORY_FILINGS",
  "BENEFITS_ADMINISTRATION",
  "EMPLOYMENT_CONTRACTS",
  "WORKER_CLASSIFICATION",
  "DAY_TO_DAY_SUPERVISION",
  "TIME_TRACKING_APPROVAL",
  "EXPENSE_REIMBURSEMENT",
  "WORKPLACE_SAFETY",
  "TERMINATION",
];

beforeAll(async () => {
  t = await startTestServer();
  operator = await t.token("OPERATOR");
});
afterAll(() => t.stop());

async function createMsa(clientId: string, effectiveFrom: string, token = operator, copyClausesFromActive?: boolean) {
  const res = dataOf(await t.gql(CreateMsaDocument, { input: { clientId, title: `MSA from ${effectiveFrom}`, effectiveFrom, copyClausesFromActive } }, token));
  expect(res.createMsa.userErrors).toEqual([]);
  return res.createMsa.msa!;
}

async function addClause(msaId: string, clause: Partial<AddMsaClauseInput> & Pick<AddMsaClauseInput, "category" | "responsibleParty">, token = operator) {
  const res = dataOf(await t.gql(AddMsaClauseDocument, { input: { msaId, title: unique("clause"), text: "The party named here holds this duty.", ...clause } }, token));
  expect(res.addMsaClause.userErrors).toEqual([]);
  return res.addMsaClause.clause!;
}

async function clientToken(clientId: string, scopes?: string[]) {
  return t.token("CLIENT", { clients: [clientId], ...(scopes ? { scopes } : {}) });
}

/** The version as the operator reads it (fields, acceptances, content digest, clause ids). */
async function readMsa(msaId: string) {
  const node = dataOf(await t.gql(MsaNodeDocument, { id: msaId }, operator)).node;
  if (!node || !("contentDigest" in node)) throw new Error(`MSA ${msaId} not readable`);
  return node;
}

/** acceptMsa with the content digest read just before (or the one given). */
async function accept(msaId: string, token: string, contentDigest?: string) {
  return dataOf(await t.gql(AcceptMsaDocument, { input: { msaId, contentDigest: contentDigest ?? (await readMsa(msaId)).contentDigest } }, token)).acceptMsa;
}

/** Both parties accept the current content: the EOR (an operator), then the client's own CLIENT token. */
async function activate(msaId: string) {
  const { client } = await readMsa(msaId);
  for (const token of [operator, await clientToken(client!.id)]) expect((await accept(msaId, token)).userErrors).toEqual([]);
  const activated = await readMsa(msaId);
  expect(activated.status).toBe("ACTIVE");
  return activated;
}

/** The MSA events of these objects, in the order they were recorded. */
async function eventsOf(...globalIds: string[]) {
  const ids = globalIds.map((id) => parseGlobalId(id, "Msa") ?? parseGlobalId(id, "MsaClause")!);
  return t.database.db
    .select({ type: events.type, objectId: events.objectId, actorKind: events.actorKind, actorId: events.actorId, before: events.before, after: events.after })
    .from(events)
    .where(inArray(events.objectId, ids))
    .orderBy(events.id);
}

/** A worker and an engagement in `workJurisdiction`, inserted directly; returns the engagement's global ID. */
async function insertEngagement(clientGid: string, workJurisdiction: string): Promise<string> {
  const db = t.database.db;
  const clientId = parseGlobalId(clientGid, "Client")!;
  const country = workJurisdiction.slice(0, 2) as "US" | "CA";
  let [entity] = await db.select().from(employerEntities).where(eq(employerEntities.country, country));
  if (!entity) {
    await db
      .insert(employerEntities)
      .values({ id: newId(), country, legalName: `Test EOR ${country}`, taxId: country === "US" ? "12-3456789" : "123456789RP0001" })
      .onConflictDoNothing();
    [entity] = await db.select().from(employerEntities).where(eq(employerEntities.country, country));
  }
  const workerId = newId();
  await db.insert(workers).values({
    id: workerId,
    clientId,
    legalFirstName: "Test",
    legalLastName: "Worker",
    email: `${unique("w")}@example.test`,
    homeJurisdiction: workJurisdiction,
  });
  const id = newId();
  await db.insert(engagements).values({
    id,
    clientId,
    workerId,
    employerEntityId: entity.id,
    title: "Engineer",
    workJurisdiction,
    employmentModel: "EOR",
    classification: country === "US" ? "US_W2_EMPLOYEE" : "CA_T4_EMPLOYEE",
    startDate: "2026-01-05",
    status: "ACTIVE",
  });
  return toGlobalId("Engagement", id);
}

async function responsibilities(engagementId: string, token = operator, category?: ResponsibilityCategory) {
  const node = dataOf(await t.gql(EngagementResponsibilitiesDocument, { id: engagementId, category }, token)).node;
  if (!node || !("responsibilities" in node)) throw new Error(`Engagement ${engagementId} not readable`);
  return node.responsibilities;
}

describe("MSA lifecycle", () => {
  it("creates a DRAFT, edits its clauses, activates it, then supersedes it with a new version", async () => {
    const clientId = await newClient(t, "msa-client");

    // 1. A DRAFT version 1.
    const v1 = await createMsa(clientId, "2026-01-01");
    expect(v1).toMatchObject({ versionNumber: 1, status: "DRAFT", effectiveFrom: "2026-01-01", effectiveTo: null, client: { id: clientId } });

    // 2. Clauses: jurisdictions deduplicated and sorted; empty means everywhere.
    const payroll = await addClause(v1.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    expect(payroll).toMatchObject({ jurisdictions: [], appliesToAllJurisdictions: true, msa: { id: v1.id, versionNumber: 1 } });
    const supervision = await addClause(v1.id, { category: "DAY_TO_DAY_SUPERVISION", responsibleParty: "CLIENT", jurisdictions: ["US-CA", "US", "US-CA"] });
    expect(supervision).toMatchObject({ jurisdictions: ["US", "US-CA"], appliesToAllJurisdictions: false, responsibleParty: "CLIENT" });
    const scratch = await addClause(v1.id, { category: "TERMINATION", responsibleParty: "SHARED", title: "Scratch" });

    // 3. Remove one on the DRAFT; `updatedAt` moves with clause changes.
    const removed = dataOf(await t.gql(RemoveMsaClauseDocument, { input: { clauseId: scratch.id } }, operator)).removeMsaClause;
    expect(removed.userErrors).toEqual([]);
    expect(removed.removedClauseId).toBe(scratch.id);
    expect(removed.msa!.clauses.map((c) => c.id)).toEqual([payroll.id, supervision.id]);
    expect(new Date(removed.msa!.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(v1.updatedAt).getTime());
    expect(dataOf(await t.gql(MsaNodeDocument, { id: scratch.id }, operator)).node).toBeNull();

    // No ACTIVE version yet.
    let client = dataOf(await t.gql(ClientMsasDocument, { clientId }, operator)).node;
    expect(client && "msa" in client ? client.msa : "missing").toBeNull();

    // 4. Both parties accept: ACTIVE, nothing superseded.
    const a1 = await activate(v1.id);
    expect(a1).toMatchObject({ id: v1.id, status: "ACTIVE", effectiveTo: null });

    // 5. Immutable now.
    const add = dataOf(await t.gql(AddMsaClauseDocument, { input: { msaId: v1.id, category: "TERMINATION", responsibleParty: "EOR", title: "Late", text: "x" } }, operator));
    expect(add.addMsaClause).toEqual({ clause: null, userErrors: [{ field: ["input", "msaId"], code: "MSA_IMMUTABLE", message: expect.stringContaining("ACTIVE") }] });
    const remove = dataOf(await t.gql(RemoveMsaClauseDocument, { input: { clauseId: payroll.id } }, operator));
    expect(remove.removeMsaClause.userErrors).toEqual([{ field: ["input", "clauseId"], code: "MSA_IMMUTABLE", message: expect.stringContaining("ACTIVE") }]);
    expect((await accept(v1.id, operator)).userErrors).toEqual([{ field: ["input", "msaId"], code: "MSA_IMMUTABLE", message: expect.stringContaining("is ACTIVE") }]);
    // The deprecated activateMsa keeps its code for a version that is not a DRAFT.
    const again = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: v1.id } }, operator));
    expect(again.activateMsa.userErrors).toEqual([{ field: ["input", "msaId"], code: "ILLEGAL_STATUS_TRANSITION", message: expect.stringContaining("is ACTIVE") }]);

    client = dataOf(await t.gql(ClientMsasDocument, { clientId }, operator)).node;
    expect(client && "msa" in client ? client.msa : null).toMatchObject({ id: v1.id, versionNumber: 1, status: "ACTIVE" });

    // 6. A changed agreement is a new version: copy the clauses, amend, activate.
    const v2 = await createMsa(clientId, "2026-07-01", operator, true);
    expect(v2).toMatchObject({ versionNumber: 2, status: "DRAFT" });
    const v2Node = dataOf(await t.gql(MsaNodeDocument, { id: v2.id }, operator)).node;
    const copied = v2Node && "clauses" in v2Node ? v2Node.clauses : [];
    expect(copied).toHaveLength(2);
    expect(copied.map((c) => c.id)).not.toContain(payroll.id);
    const copiedNodes = await Promise.all(copied.map(async (c) => dataOf(await t.gql(MsaNodeDocument, { id: c.id }, operator)).node));
    expect(copiedNodes.map((n) => n && "category" in n && [n.category, n.responsibleParty, n.jurisdictions, n.msa.id])).toEqual([
      ["PAYROLL_PROCESSING", "EOR", [], v2.id],
      ["DAY_TO_DAY_SUPERVISION", "CLIENT", ["US", "US-CA"], v2.id],
    ]);
    await addClause(v2.id, { category: "TERMINATION", responsibleParty: "CLIENT", jurisdictions: ["CA"] });

    const a2 = await activate(v2.id);
    expect(a2).toMatchObject({ id: v2.id, status: "ACTIVE", effectiveFrom: "2026-07-01", effectiveTo: null });
    expect(await readMsa(v1.id)).toMatchObject({ id: v1.id, status: "SUPERSEDED", effectiveFrom: "2026-01-01", effectiveTo: "2026-06-30" });

    // The superseded version is immutable and cannot come back.
    const addOld = dataOf(await t.gql(AddMsaClauseDocument, { input: { msaId: v1.id, category: "TERMINATION", responsibleParty: "EOR", title: "Old", text: "x" } }, operator));
    expect(addOld.addMsaClause.userErrors).toEqual([{ field: ["input", "msaId"], code: "MSA_IMMUTABLE", message: expect.stringContaining("SUPERSEDED") }]);
    expect((await accept(v1.id, operator)).userErrors.map((e) => e.code)).toEqual(["MSA_IMMUTABLE"]);
    const reactivate = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: v1.id } }, operator));
    expect(reactivate.activateMsa.userErrors).toEqual([{ field: ["input", "msaId"], code: "ILLEGAL_STATUS_TRANSITION", message: expect.stringContaining("is SUPERSEDED") }]);

    // History: Client.msa is v2; Client.msas lists both in creation order; status filter.
    const history = dataOf(await t.gql(ClientMsasDocument, { clientId }, operator)).node;
    if (!history || !("msas" in history)) throw new Error("client not readable");
    expect(history.msa).toMatchObject({ id: v2.id, versionNumber: 2 });
    expect(history.msa!.clauses).toHaveLength(3);
    expect(history.msas!.totalCount).toBe(2);
    expect(history.msas!.edges.map((e) => [e.node.versionNumber, e.node.status, e.node.effectiveTo])).toEqual([
      [1, "SUPERSEDED", "2026-06-30"],
      [2, "ACTIVE", null],
    ]);
    const superseded = dataOf(await t.gql(ClientMsasDocument, { clientId, status: "SUPERSEDED" }, operator)).node;
    expect(superseded && "msas" in superseded ? superseded.msas!.edges.map((e) => e.node.id) : null).toEqual([v1.id]);

    // Every change is in the audit trail.
    const trail = await t.database.db
      .select({ type: events.type, objectId: events.objectId, before: events.before, after: events.after })
      .from(events)
      .where(inArray(events.objectId, [parseGlobalId(v1.id, "Msa")!, parseGlobalId(v2.id, "Msa")!, parseGlobalId(scratch.id, "MsaClause")!]))
      .orderBy(events.id);
    expect(trail.map((e) => e.type)).toEqual([
      "msa.created",
      "msa_clause.added",
      "msa_clause.removed",
      "msaClause.deleted",
      "msa.accepted",
      "msa.accepted",
      "msa.activated",
      "msa.created",
      "msa.accepted",
      "msa.accepted",
      "msa.superseded",
      "msa.activated",
    ]);
    const byType = (type: string) => trail.filter((e) => e.type === type);
    expect(byType("msa.created")).toHaveLength(2);
    expect(byType("msa.accepted").map((e) => (e.after as { party: string }).party)).toEqual(["EOR", "CLIENT", "EOR", "CLIENT"]);
    expect(byType("msa.activated")).toHaveLength(2);
    expect(byType("msa.superseded")).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ status: "ACTIVE" }), after: expect.objectContaining({ status: "SUPERSEDED", effectiveTo: "2026-06-30" }) }),
    ]);
    expect(byType("msa_clause.removed")).toEqual([expect.objectContaining({ before: expect.objectContaining({ title: "Scratch" }), after: null })]);
    expect(byType("msaClause.deleted")).toEqual([
      expect.objectContaining({ objectId: parseGlobalId(scratch.id, "MsaClause"), before: expect.objectContaining({ title: "Scratch" }), after: null }),
    ]);
    const clauseEvents = await t.database.db
      .select({ type: events.type })
      .from(events)
      .where(
        inArray(
          events.objectId,
          copied.map((c) => parseGlobalId(c.id, "MsaClause")!),
        ),
      );
    expect(clauseEvents.map((e) => e.type)).toEqual(["msa_clause.added", "msa_clause.added"]);
  });

  it("numbers versions max + 1 and ignores copyClausesFromActive when no version is ACTIVE", async () => {
    const clientId = await newClient(t, "msa-client");
    const v1 = await createMsa(clientId, "2026-01-01", operator, true);
    const v2 = await createMsa(clientId, "2026-02-01");
    expect([v1.versionNumber, v2.versionNumber]).toEqual([1, 2]);
    const node = dataOf(await t.gql(MsaNodeDocument, { id: v1.id }, operator)).node;
    expect(node && "clauses" in node ? node.clauses : null).toEqual([]);
  });

  it("is refused by the database too: a clause cannot be inserted into an ACTIVE version (trigger)", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(msa.id);
    const insert = t.database.db.insert(msaClauses).values({
      id: newId(),
      clientId: parseGlobalId(clientId, "Client")!,
      msaId: parseGlobalId(msa.id, "Msa")!,
      category: "TERMINATION",
      responsibleParty: "EOR",
      title: "Sneaky",
      text: "x",
    });
    await expect(insert).rejects.toThrow();
  });
});

describe("the MSA is a contract between two parties (acceptMsa)", () => {
  it("activates only when both have accepted: the client first, then the EOR; each acceptance is an event", async () => {
    const clientId = await newClient(t, "msa-client");
    const signer = await t.token("CLIENT", { clients: [clientId], subject: "client-signer" });
    const eor = await t.token("OPERATOR", { subject: "eor-signer" });
    const msa = await createMsa(clientId, "2026-01-01", signer);
    expect(msa).toMatchObject({ acceptedByClientAt: null, acceptedByClientActor: null, acceptedByEorAt: null, acceptedByEorActor: null });
    await addClause(msa.id, { category: "PAYROLL_APPROVAL", responsibleParty: "CLIENT" }, signer);

    const byClient = await accept(msa.id, signer);
    expect(byClient.userErrors).toEqual([]);
    expect(byClient.msa).toMatchObject({ status: "DRAFT", acceptedByClientActor: { kind: "CLIENT", id: "client-signer" }, acceptedByEorAt: null, acceptedByEorActor: null });
    expect(byClient.msa!.acceptedByClientAt).not.toBeNull();
    // The client alone put nothing in force.
    const client = dataOf(await t.gql(ClientMsasDocument, { clientId }, operator)).node;
    expect(client && "msa" in client ? client.msa : "missing").toBeNull();

    const byEor = await accept(msa.id, eor);
    expect(byEor.userErrors).toEqual([]);
    expect(byEor.msa).toMatchObject({
      status: "ACTIVE",
      acceptedByClientAt: byClient.msa!.acceptedByClientAt,
      acceptedByClientActor: { kind: "CLIENT", id: "client-signer" },
      acceptedByEorActor: { kind: "OPERATOR", id: "eor-signer" },
    });
    expect(byEor.msa!.acceptedByEorAt).not.toBeNull();

    const trail = await eventsOf(msa.id);
    expect(trail.map((e) => [e.type, e.actorKind, e.actorId])).toEqual([
      ["msa.created", "CLIENT", "client-signer"],
      ["msa.accepted", "CLIENT", "client-signer"],
      ["msa.accepted", "OPERATOR", "eor-signer"],
      ["msa.activated", "OPERATOR", "eor-signer"],
    ]);
    const digest = byEor.msa!.contentDigest;
    expect(trail[1].after).toMatchObject({ party: "CLIENT", status: "DRAFT", contentDigest: digest, otherPartyAccepted: false });
    expect(trail[2].after).toMatchObject({ party: "EOR", status: "DRAFT", contentDigest: digest, otherPartyAccepted: true });
    expect(trail[3].after).toMatchObject({ status: "ACTIVE", contentDigest: digest, supersedesMsaId: null });
  });

  it("either order: the EOR first, then a PARTNER with msa:write for the client; the new version supersedes the ACTIVE one", async () => {
    const clientId = await newClient(t, "msa-client");
    const v1 = await createMsa(clientId, "2026-01-01");
    await addClause(v1.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(v1.id);
    const v2 = await createMsa(clientId, "2026-04-01", operator, true);

    const byEor = await accept(v2.id, operator);
    expect(byEor.userErrors).toEqual([]);
    expect(byEor.msa).toMatchObject({ status: "DRAFT", acceptedByEorActor: { kind: "OPERATOR" }, acceptedByClientAt: null });
    expect(await readMsa(v1.id)).toMatchObject({ status: "ACTIVE", effectiveTo: null });

    const partner = await t.token("PARTNER", { clients: [clientId], scopes: ["msa:read", "msa:write", "clients:read"], subject: "ats-partner" });
    const byPartner = await accept(v2.id, partner);
    expect(byPartner.userErrors).toEqual([]);
    expect(byPartner.msa).toMatchObject({ status: "ACTIVE", acceptedByClientActor: { kind: "PARTNER", id: "ats-partner" }, acceptedByEorActor: { kind: "OPERATOR" } });
    expect(await readMsa(v1.id)).toMatchObject({ status: "SUPERSEDED", effectiveTo: "2026-03-31" });
    expect((await eventsOf(v2.id)).map((e) => e.type)).toEqual(["msa.created", "msa.accepted", "msa.accepted", "msa.activated"]);
    expect((await eventsOf(v1.id)).map((e) => e.type).slice(-1)).toEqual(["msa.superseded"]);
  });

  it("accepting again what one's party has accepted changes nothing and records no event", async () => {
    const clientId = await newClient(t, "msa-client");
    const own = await clientToken(clientId);
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    const first = await accept(msa.id, own);
    const again = await accept(msa.id, own);
    // Another caller of the same side (a PARTNER) finds the client side's acceptance already given.
    const partner = await accept(msa.id, await t.token("PARTNER", { clients: [clientId], scopes: ["msa:read", "msa:write", "clients:read"], subject: "late-partner" }));
    for (const res of [again, partner]) {
      expect(res.userErrors).toEqual([]);
      expect(res.msa).toMatchObject({ status: "DRAFT", acceptedByClientAt: first.msa!.acceptedByClientAt, acceptedByClientActor: first.msa!.acceptedByClientActor });
    }
    expect((await eventsOf(msa.id)).map((e) => e.type)).toEqual(["msa.created", "msa.accepted"]);

    expect((await accept(msa.id, operator)).msa!.status).toBe("ACTIVE");
    // Once ACTIVE, the version cannot be accepted again: MSA_IMMUTABLE, by either party.
    for (const token of [own, operator]) expect((await accept(msa.id, token)).userErrors.map((e) => e.code)).toEqual(["MSA_IMMUTABLE"]);
    expect((await eventsOf(msa.id)).map((e) => e.type)).toEqual(["msa.created", "msa.accepted", "msa.accepted", "msa.activated"]);
  });

  it("refuses the self-approval attack: a clause the client adds after the EOR accepted voids the EOR's acceptance", async () => {
    const clientId = await newClient(t, "msa-client");
    const own = await clientToken(clientId);
    const engagement = await insertEngagement(clientId, "US-CA");
    const v1 = await createMsa(clientId, "2026-01-01");
    await addClause(v1.id, { category: "PAYROLL_APPROVAL", responsibleParty: "EOR" });
    await activate(v1.id);

    // The client drafts an amendment; the EOR reviews it and accepts.
    const v2 = await createMsa(clientId, "2026-06-01", own, true);
    const reviewed = (await readMsa(v2.id)).contentDigest;
    expect((await accept(v2.id, operator, reviewed)).userErrors).toEqual([]);
    // Then the client adds a clause making itself the payroll approver, and accepts.
    const grab = await addClause(v2.id, { category: "PAYROLL_APPROVAL", responsibleParty: "CLIENT", jurisdictions: ["US-CA"] }, own);
    const byClient = await accept(v2.id, own);
    expect(byClient.userErrors).toEqual([]);
    expect(byClient.msa).toMatchObject({ status: "DRAFT", acceptedByEorAt: null, acceptedByEorActor: null, acceptedByClientActor: { kind: "CLIENT" } });
    // Nor with the digest the EOR accepted, nor through the deprecated activateMsa.
    expect((await accept(v2.id, own, reviewed)).userErrors.map((e) => e.code)).toEqual(["STALE_VERSION"]);
    const old = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: v2.id } }, own)).activateMsa;
    expect(old).toMatchObject({ userErrors: [], supersededMsa: null, msa: { status: "DRAFT", acceptedByEorAt: null } });
    // v1 is still in force: the EOR approves payroll in California.
    expect(await readMsa(v1.id)).toMatchObject({ status: "ACTIVE" });
    expect(await responsibilities(engagement, own, "PAYROLL_APPROVAL")).toMatchObject([{ responsibleParty: "EOR", clause: { msa: { id: v1.id } } }]);
    expect((await eventsOf(v2.id)).map((e) => e.type)).toEqual(["msa.created", "msa.accepted", "msa.accepted"]);

    // An acceptance counts for exactly the content accepted: once the clause is gone, the EOR's counts again,
    // and the client's acceptance of the same content puts it in force.
    const removed = dataOf(await t.gql(RemoveMsaClauseDocument, { input: { clauseId: grab.id } }, own)).removeMsaClause;
    expect(removed.userErrors).toEqual([]);
    expect(await readMsa(v2.id)).toMatchObject({ contentDigest: reviewed, acceptedByClientAt: null, acceptedByEorActor: { kind: "OPERATOR" } });
    expect((await accept(v2.id, own, reviewed)).msa).toMatchObject({ status: "ACTIVE" });
    expect(await responsibilities(engagement, own, "PAYROLL_APPROVAL")).toMatchObject([{ responsibleParty: "EOR", clause: { msa: { id: v2.id } } }]);
  });

  it("a clause removed after one party accepted voids that acceptance too", async () => {
    const clientId = await newClient(t, "msa-client");
    const own = await clientToken(clientId);
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_APPROVAL", responsibleParty: "EOR" });
    const duty = await addClause(msa.id, { category: "WORKPLACE_SAFETY", responsibleParty: "CLIENT" });
    expect((await accept(msa.id, own)).userErrors).toEqual([]);
    expect(dataOf(await t.gql(RemoveMsaClauseDocument, { input: { clauseId: duty.id } }, operator)).removeMsaClause.userErrors).toEqual([]);
    const byEor = await accept(msa.id, operator);
    expect(byEor.msa).toMatchObject({ status: "DRAFT", acceptedByClientAt: null, acceptedByEorActor: { kind: "OPERATOR" } });
    expect((await accept(msa.id, own)).msa).toMatchObject({ status: "ACTIVE" });
    expect((await readMsa(msa.id)).clauses).toHaveLength(1);
  });

  it("activates exactly once when the client's and the EOR's acceptances arrive at the same time", async () => {
    const pairs: { msaId: string; own: string; digest: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const clientId = await newClient(t, "msa-client");
      const msa = await createMsa(clientId, "2026-01-01");
      await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
      pairs.push({ msaId: msa.id, own: await clientToken(clientId), digest: (await readMsa(msa.id)).contentDigest });
    }
    const results = await Promise.all(
      pairs.flatMap((p) => [p.own, operator].map((token) => t.gql(AcceptMsaDocument, { input: { msaId: p.msaId, contentDigest: p.digest } }, token))),
    );
    for (const [i, p] of pairs.entries()) {
      const payloads = results.slice(2 * i, 2 * i + 2).map((r) => dataOf(r).acceptMsa);
      for (const payload of payloads) expect(payload.userErrors).toEqual([]);
      // One of the two found the other's acceptance and activated; the other committed first and saw a DRAFT.
      expect(payloads.map((payload) => payload.msa!.status).sort()).toEqual(["ACTIVE", "DRAFT"]);
      expect(await readMsa(p.msaId)).toMatchObject({ status: "ACTIVE", acceptedByClientActor: { kind: "CLIENT" }, acceptedByEorActor: { kind: "OPERATOR" } });
      const types = (await eventsOf(p.msaId)).map((e) => e.type);
      expect(types.filter((type) => type === "msa.accepted")).toHaveLength(2);
      expect(types.filter((type) => type === "msa.activated")).toHaveLength(1);
    }
  });

  it("keeps activateMsa, deprecated: it records the caller's acceptance and activates only with the other party's", async () => {
    const introspection = await t.gql<{ __type: { fields: { name: string; isDeprecated: boolean; deprecationReason: string | null }[] } }, Record<string, never>>(
      `{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`,
      {},
      operator,
    );
    const fields = dataOf(introspection).__type.fields;
    expect(fields.find((f) => f.name === "activateMsa")).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining("acceptMsa") });
    expect(fields.find((f) => f.name === "acceptMsa")).toMatchObject({ isDeprecated: false });

    const clientId = await newClient(t, "msa-client");
    const v1 = await createMsa(clientId, "2026-01-01");
    await addClause(v1.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(v1.id);
    const v2 = await createMsa(clientId, "2026-05-01", operator, true);

    const activateAs = async (token: string) => dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: v2.id } }, token)).activateMsa;
    const alone = await activateAs(operator);
    expect(alone).toMatchObject({ userErrors: [], supersededMsa: null, msa: { status: "DRAFT", acceptedByEorActor: { kind: "OPERATOR" }, acceptedByClientAt: null } });
    const twice = await activateAs(operator);
    expect(twice.msa).toMatchObject({ status: "DRAFT", acceptedByEorAt: alone.msa!.acceptedByEorAt });
    expect(await readMsa(v1.id)).toMatchObject({ status: "ACTIVE" });

    const completed = await activateAs(await clientToken(clientId));
    expect(completed).toMatchObject({
      userErrors: [],
      msa: { id: v2.id, status: "ACTIVE", acceptedByClientActor: { kind: "CLIENT" } },
      supersededMsa: { id: v1.id, status: "SUPERSEDED", effectiveTo: "2026-04-30" },
    });
    expect((await eventsOf(v2.id)).map((e) => e.type)).toEqual(["msa.created", "msa.accepted", "msa.accepted", "msa.activated"]);
  });

  it("is refused by the database too: a version leaves DRAFT only with both acceptances of the same content (trigger)", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    expect((await accept(msa.id, operator)).userErrors).toEqual([]);
    const id = parseGlobalId(msa.id, "Msa")!;
    const refused = { cause: { message: expect.stringMatching(/must both accept the same content/) } };
    await expect(t.database.db.update(msas).set({ status: "ACTIVE" }).where(eq(msas.id, id))).rejects.toMatchObject(refused);
    await t.database.db
      .update(msas)
      .set({ clientAcceptedAt: new Date(), clientAcceptedByKind: "CLIENT", clientAcceptedById: "someone", clientAcceptedDigest: "not the same content" })
      .where(eq(msas.id, id));
    await expect(t.database.db.update(msas).set({ status: "SUPERSEDED" }).where(eq(msas.id, id))).rejects.toMatchObject(refused);
    expect(await readMsa(msa.id)).toMatchObject({ status: "DRAFT" });
  });
});

describe("concurrent requests (truly parallel on Postgres)", () => {
  it("numbers concurrently created versions 1..n without gaps or duplicates", async () => {
    const clientId = await newClient(t, "msa-client");
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((m) => t.gql(CreateMsaDocument, { input: { clientId, title: `Parallel ${m}`, effectiveFrom: `2026-0${m}-01` } }, operator)),
    );
    const versions = results.map((r) => {
      const payload = dataOf(r).createMsa;
      expect(payload.userErrors).toEqual([]);
      return payload.msa!.versionNumber;
    });
    expect(versions.sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("leaves exactly one ACTIVE version when drafts are activated at the same time", async () => {
    const clientId = await newClient(t, "msa-client");
    const own = await clientToken(clientId);
    const drafts = [];
    for (const m of [1, 2, 3, 4]) drafts.push(await createMsa(clientId, `2026-0${m}-01`));
    for (const d of drafts) await addClause(d.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    // The client accepts every draft first; the EOR's acceptances, each completing one, arrive at once.
    for (const d of drafts) expect((await accept(d.id, own)).msa).toMatchObject({ status: "DRAFT" });
    const digests = await Promise.all(drafts.map(async (d) => (await readMsa(d.id)).contentDigest));
    const results = await Promise.all(drafts.map((d, i) => t.gql(AcceptMsaDocument, { input: { msaId: d.id, contentDigest: digests[i] } }, operator)));
    const outcomes = results.map((r) => dataOf(r).acceptMsa.userErrors.map((e) => e.code)[0] ?? "OK");
    expect(outcomes).toContain("OK");
    for (const o of outcomes) expect(["OK", "MSA_VERSION_OUTDATED"]).toContain(o);

    const list = dataOf(await t.gql(MsasDocument, { clientId, first: 10 }, operator)).msas.edges.map((e) => e.node);
    expect(list.filter((m) => m.status === "ACTIVE")).toHaveLength(1);
    const history = dataOf(await t.gql(ClientMsasDocument, { clientId }, operator)).node;
    if (!history || !("msas" in history)) throw new Error("client not readable");
    for (const m of history.msas!.edges.map((e) => e.node)) {
      if (m.status === "SUPERSEDED") expect(m.effectiveTo).not.toBeNull();
      else expect(m.effectiveTo).toBeNull();
    }
  });

  it("never lets a clause slip into a version accepted at the same time: ACTIVE only with the content both accepted", async () => {
    const clientId = await newClient(t, "msa-client");
    const own = await clientToken(clientId);
    const msa = await createMsa(clientId, "2026-01-01");
    const reviewed = await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    expect((await accept(msa.id, operator)).userErrors).toEqual([]);
    // The client's completing acceptance (deprecated activateMsa: no digest, it binds to the content at that
    // moment) races with five of its own clause additions.
    const adds = [1, 2, 3, 4, 5].map((i) =>
      t.gql(AddMsaClauseDocument, { input: { msaId: msa.id, category: "PAYROLL_APPROVAL", responsibleParty: "CLIENT", title: `Race ${i}`, text: "x" } }, own),
    );
    const [activation, ...added] = await Promise.all([t.gql(ActivateMsaDocument, { input: { msaId: msa.id } }, own), ...adds]);
    expect(dataOf(activation).activateMsa.userErrors).toEqual([]);
    const outcomes = added.map((r) => dataOf(r).addMsaClause.userErrors.map((e) => e.code)[0] ?? "OK");
    const node = await readMsa(msa.id);
    if (node.status === "ACTIVE") {
      // Activated before any addition: every addition was refused, the content is what the EOR accepted.
      expect(outcomes).toEqual(["MSA_IMMUTABLE", "MSA_IMMUTABLE", "MSA_IMMUTABLE", "MSA_IMMUTABLE", "MSA_IMMUTABLE"]);
      expect(node.clauses.map((c) => c.id)).toEqual([reviewed.id]);
    } else {
      // An addition came first: the EOR's acceptance no longer counts, so nothing activated and every addition landed.
      expect(node.status).toBe("DRAFT");
      expect(outcomes).toEqual(["OK", "OK", "OK", "OK", "OK"]);
      expect(node.clauses).toHaveLength(6);
      expect(node.acceptedByEorAt).toBeNull();
    }
  });

  it("removes a clause once when the removal is sent twice at the same time", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    const clause = await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    const results = await Promise.all([1, 2].map(() => t.gql(RemoveMsaClauseDocument, { input: { clauseId: clause.id } }, operator)));
    const outcomes = results.map((r) => dataOf(r).removeMsaClause.userErrors.map((e) => e.code)[0] ?? "OK").sort();
    expect(outcomes).toEqual(["NOT_FOUND", "OK"]);
    const removals = await t.database.db
      .select()
      .from(events)
      .where(eq(events.objectId, parseGlobalId(clause.id, "MsaClause")!));
    expect(removals.filter((e) => e.type === "msa_clause.removed")).toHaveLength(1);
    expect(removals.filter((e) => e.type === "msaClause.deleted")).toHaveLength(1);
  });
});

describe("userErrors", () => {
  it("createMsa: bad or unknown client, blank or long title, bad date, effectiveFrom not after the ACTIVE one", async () => {
    const clientId = await newClient(t, "msa-client");
    const otherType = toGlobalId("Msa", newId());
    const missing = toGlobalId("Client", newId());

    for (const [id, code] of [
      ["nope", "INVALID_ID"],
      [otherType, "INVALID_ID"],
      [missing, "NOT_FOUND"],
    ] as const) {
      const res = dataOf(await t.gql(CreateMsaDocument, { input: { clientId: id, title: "T", effectiveFrom: "2026-01-01" } }, operator));
      expect(res.createMsa).toEqual({ msa: null, userErrors: [{ field: ["input", "clientId"], code, message: expect.any(String) }] });
    }
    const blank = dataOf(await t.gql(CreateMsaDocument, { input: { clientId, title: "  ", effectiveFrom: "2026-01-01" } }, operator));
    expect(blank.createMsa.userErrors).toEqual([{ field: ["input", "title"], code: "INVALID_INPUT", message: expect.any(String) }]);
    const long = dataOf(await t.gql(CreateMsaDocument, { input: { clientId, title: "x".repeat(201), effectiveFrom: "2026-01-01" } }, operator));
    expect(long.createMsa.userErrors).toEqual([{ field: ["input", "title"], code: "TOO_LONG", message: expect.any(String) }]);
    const badDate = await t.gql(CreateMsaDocument, { input: { clientId, title: "T", effectiveFrom: "2026-02-30" } }, operator);
    expect(errorCodes(badDate)).toEqual(["BAD_USER_INPUT"]);

    const v1 = await createMsa(clientId, "2026-03-01");
    await addClause(v1.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(v1.id);
    for (const effectiveFrom of ["2026-03-01", "2025-12-31"]) {
      const early = dataOf(await t.gql(CreateMsaDocument, { input: { clientId, title: "T", effectiveFrom } }, operator));
      expect(early.createMsa.userErrors).toEqual([{ field: ["input", "effectiveFrom"], code: "MSA_EFFECTIVE_DATE_TOO_EARLY", message: expect.stringContaining("2026-03-01") }]);
    }
  });

  it("addMsaClause: bad or unknown MSA, bad jurisdictions, blank or overlong title and text", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    const base = { msaId: msa.id, category: "TAX_REMITTANCE" as const, responsibleParty: "EOR" as const, title: "T", text: "x" };

    for (const [msaId, code] of [
      ["%%%", "INVALID_ID"],
      [clientId, "INVALID_ID"],
      [toGlobalId("Msa", newId()), "NOT_FOUND"],
    ] as const) {
      const res = dataOf(await t.gql(AddMsaClauseDocument, { input: { ...base, msaId } }, operator));
      expect(res.addMsaClause).toEqual({ clause: null, userErrors: [{ field: ["input", "msaId"], code, message: expect.any(String) }] });
    }
    const juris = dataOf(await t.gql(AddMsaClauseDocument, { input: { ...base, jurisdictions: ["US-CA", "US-ZZ", "MX", "us-ca", "X".repeat(5000)] } }, operator));
    expect(juris.addMsaClause.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.jurisdictions.1", "INVALID_JURISDICTION"],
      ["input.jurisdictions.2", "INVALID_JURISDICTION"],
      ["input.jurisdictions.3", "INVALID_JURISDICTION"],
      ["input.jurisdictions.4", "INVALID_JURISDICTION"],
    ]);
    const lengths = dataOf(await t.gql(AddMsaClauseDocument, { input: { ...base, title: "t".repeat(201), text: "x".repeat(10_001) } }, operator));
    expect(lengths.addMsaClause.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.title", "TOO_LONG"],
      ["input.text", "TOO_LONG"],
    ]);
    const blank = dataOf(await t.gql(AddMsaClauseDocument, { input: { ...base, title: "", text: " " } }, operator));
    expect(blank.addMsaClause.userErrors.map((e) => [e.field.join("."), e.code])).toEqual([
      ["input.title", "INVALID_INPUT"],
      ["input.text", "INVALID_INPUT"],
    ]);
    // The limits themselves are accepted.
    const max = dataOf(await t.gql(AddMsaClauseDocument, { input: { ...base, title: "t".repeat(200), text: "x".repeat(10_000) } }, operator));
    expect(max.addMsaClause.userErrors).toEqual([]);
    expect(max.addMsaClause.clause!.text).toHaveLength(10_000);
    // An unknown enum value is a GraphQL validation error, not a 500.
    const badEnum = await t.gql(AddMsaClauseDocument, { input: { ...base, category: "COFFEE" as never } }, operator);
    expect(errorCodes(badEnum)).toEqual(["BAD_USER_INPUT"]);
  });

  it("removeMsaClause: bad or unknown clause", async () => {
    for (const [clauseId, code] of [
      ["", "INVALID_ID"],
      [toGlobalId("Msa", newId()), "INVALID_ID"],
      [toGlobalId("MsaClause", newId()), "NOT_FOUND"],
    ] as const) {
      const res = dataOf(await t.gql(RemoveMsaClauseDocument, { input: { clauseId } }, operator));
      expect(res.removeMsaClause).toEqual({ removedClauseId: null, msa: null, userErrors: [{ field: ["input", "clauseId"], code, message: expect.any(String) }] });
    }
  });

  it("acceptMsa and activateMsa: bad or unknown MSA, no clause, stale digest, outdated draft, effectiveFrom not after the ACTIVE one", async () => {
    for (const [msaId, code] of [
      ["not base64!", "INVALID_ID"],
      [toGlobalId("MsaClause", newId()), "INVALID_ID"],
      [toGlobalId("Msa", newId()), "NOT_FOUND"],
    ] as const) {
      const res = dataOf(await t.gql(AcceptMsaDocument, { input: { msaId, contentDigest: "0".repeat(64) } }, operator));
      expect(res.acceptMsa).toEqual({ msa: null, userErrors: [{ field: ["input", "msaId"], code, message: expect.any(String) }] });
      const old = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId } }, operator));
      expect(old.activateMsa).toEqual({ msa: null, supersededMsa: null, userErrors: [{ field: ["input", "msaId"], code, message: expect.any(String) }] });
    }

    const clientId = await newClient(t, "msa-client");
    const v1 = await createMsa(clientId, "2026-01-01");
    const empty = await accept(v1.id, operator);
    expect(empty.userErrors).toEqual([{ field: ["input", "msaId"], code: "MSA_WITHOUT_CLAUSES", message: expect.any(String) }]);
    const emptyOld = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: v1.id } }, operator));
    expect(emptyOld.activateMsa.userErrors.map((e) => e.code)).toEqual(["MSA_WITHOUT_CLAUSES"]);

    // Drafts created while nothing is ACTIVE: v2 starts earlier than v1, v3 later.
    const v2 = await createMsa(clientId, "2025-06-01");
    const v3 = await createMsa(clientId, "2026-09-01");
    for (const v of [v1, v2, v3]) await addClause(v.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });

    // A digest that is not the current content's: refused, nothing recorded.
    const read = (await readMsa(v1.id)).contentDigest;
    expect(read).toMatch(/^[0-9a-f]{64}$/);
    await addClause(v1.id, { category: "TERMINATION", responsibleParty: "EOR" });
    for (const digest of [read, "", "garbage"]) {
      expect((await accept(v1.id, operator, digest)).userErrors).toEqual([
        { field: ["input", "contentDigest"], code: "STALE_VERSION", message: expect.stringContaining("changed since") },
      ]);
    }
    expect(await readMsa(v1.id)).toMatchObject({ status: "DRAFT", acceptedByEorAt: null, acceptedByClientAt: null });
    expect((await eventsOf(v1.id)).map((e) => e.type)).toEqual(["msa.created"]);

    await activate(v1.id);
    expect((await accept(v2.id, operator)).userErrors).toEqual([{ field: ["input", "msaId"], code: "MSA_EFFECTIVE_DATE_TOO_EARLY", message: expect.any(String) }]);
    await activate(v3.id);
    expect((await accept(v2.id, operator)).userErrors).toEqual([{ field: ["input", "msaId"], code: "MSA_VERSION_OUTDATED", message: expect.stringContaining("Version 3") }]);
    const outdated = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: v2.id } }, await clientToken(clientId)));
    expect(outdated.activateMsa.userErrors.map((e) => e.code)).toEqual(["MSA_VERSION_OUTDATED"]);
    // The refusals recorded no acceptance.
    expect(await readMsa(v2.id)).toMatchObject({ acceptedByEorAt: null, acceptedByClientAt: null });
    // Nothing changed by the refusals: v2 is still a DRAFT, v3 ACTIVE, v1 SUPERSEDED.
    const list = dataOf(await t.gql(MsasDocument, { clientId, first: 10 }, operator)).msas;
    expect(list.edges.map((e) => [e.node.versionNumber, e.node.status])).toEqual([
      [1, "SUPERSEDED"],
      [2, "DRAFT"],
      [3, "ACTIVE"],
    ]);
  });
});

describe("queries", () => {
  it("filters clauses by category, responsible party and jurisdiction", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR", title: "A-all" });
    await addClause(msa.id, { category: "TAX_REMITTANCE", responsibleParty: "CLIENT", jurisdictions: ["US"], title: "B-US" });
    await addClause(msa.id, { category: "TAX_REMITTANCE", responsibleParty: "SHARED", jurisdictions: ["US-CA"], title: "C-US-CA" });
    await addClause(msa.id, { category: "DAY_TO_DAY_SUPERVISION", responsibleParty: "CLIENT", jurisdictions: ["CA-ON"], title: "D-CA-ON" });
    await addClause(msa.id, { category: "TERMINATION", responsibleParty: "EOR", jurisdictions: ["CA"], title: "E-CA" });

    const titles = async (vars: { category?: ResponsibilityCategory; responsibleParty?: "EOR" | "CLIENT" | "SHARED"; jurisdiction?: string }) => {
      const node = dataOf(await t.gql(MsaClausesDocument, { id: msa.id, ...vars }, operator)).node;
      return node && "clauses" in node ? node.clauses.map((c) => c.title) : null;
    };
    expect(await titles({})).toEqual(["A-all", "B-US", "C-US-CA", "D-CA-ON", "E-CA"]);
    expect(await titles({ category: "TAX_REMITTANCE" })).toEqual(["B-US", "C-US-CA"]);
    expect(await titles({ responsibleParty: "CLIENT" })).toEqual(["B-US", "D-CA-ON"]);
    expect(await titles({ jurisdiction: "US-CA" })).toEqual(["A-all", "B-US", "C-US-CA"]);
    expect(await titles({ jurisdiction: "US-TX" })).toEqual(["A-all", "B-US"]);
    expect(await titles({ jurisdiction: "US" })).toEqual(["A-all", "B-US", "C-US-CA"]);
    expect(await titles({ jurisdiction: "CA" })).toEqual(["A-all", "D-CA-ON", "E-CA"]);
    expect(await titles({ jurisdiction: "CA-QC" })).toEqual(["A-all", "E-CA"]);
    expect(await titles({ category: "TAX_REMITTANCE", responsibleParty: "SHARED", jurisdiction: "US-CA" })).toEqual(["C-US-CA"]);
    expect(await titles({ category: "WORKPLACE_SAFETY" })).toEqual([]);
    expect(errorCodes(await t.gql(MsaClausesDocument, { id: msa.id, jurisdiction: "US-ZZ" }, operator))).toEqual(["BAD_USER_INPUT"]);
  });

  it("pages msas and Client.msas both ways, with clientId, status and updatedSince filters", async () => {
    const clientId = await newClient(t, "msa-client");
    const v1 = await createMsa(clientId, "2026-01-01");
    const v2 = await createMsa(clientId, "2026-02-01");
    const v3 = await createMsa(clientId, "2026-03-01");
    await addClause(v2.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(v2.id);

    const all = dataOf(await t.gql(MsasDocument, { clientId, first: 100 }, operator)).msas;
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e) => e.node.id)).toEqual([v1.id, v2.id, v3.id]);
    expect(all.edges.every((e) => e.node.client!.id === clientId)).toBe(true);

    const p1 = dataOf(await t.gql(MsasDocument, { clientId, first: 2 }, operator)).msas;
    expect(p1.edges.map((e) => e.node.id)).toEqual([v1.id, v2.id]);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = dataOf(await t.gql(MsasDocument, { clientId, first: 2, after: p1.pageInfo.endCursor }, operator)).msas;
    expect(p2.edges.map((e) => e.node.id)).toEqual([v3.id]);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = dataOf(await t.gql(MsasDocument, { clientId, last: 2, before: p2.pageInfo.startCursor }, operator)).msas;
    expect(back.edges.map((e) => e.node.id)).toEqual([v1.id, v2.id]);
    const lastOne = dataOf(await t.gql(MsasDocument, { clientId, last: 1 }, operator)).msas;
    expect(lastOne.edges.map((e) => e.node.id)).toEqual([v3.id]);
    expect(lastOne.pageInfo.hasPreviousPage).toBe(true);

    const drafts = dataOf(await t.gql(MsasDocument, { clientId, status: "DRAFT" }, operator)).msas;
    expect(drafts.edges.map((e) => e.node.id)).toEqual([v1.id, v3.id]);
    expect(drafts.totalCount).toBe(2);
    const future = dataOf(await t.gql(MsasDocument, { clientId, updatedSince: "2999-01-01T00:00:00Z" }, operator)).msas;
    expect(future.totalCount).toBe(0);
    const past = dataOf(await t.gql(MsasDocument, { clientId, updatedSince: "2000-01-01T00:00:00Z" }, operator)).msas;
    expect(past.totalCount).toBe(3);

    const c1 = dataOf(await t.gql(ClientMsasDocument, { clientId, first: 2 }, operator)).node;
    if (!c1 || !("msas" in c1)) throw new Error("client not readable");
    expect(c1.msas!.edges.map((e) => e.node.id)).toEqual([v1.id, v2.id]);
    expect(c1.msas!.totalCount).toBe(3);
    expect(c1.msas!.pageInfo.hasNextPage).toBe(true);
    const c2 = dataOf(await t.gql(ClientMsasDocument, { clientId, first: 2, after: c1.msas!.pageInfo.endCursor }, operator)).node;
    expect(c2 && "msas" in c2 ? c2.msas!.edges.map((e) => e.node.id) : null).toEqual([v3.id]);

    expect(errorCodes(await t.gql(MsasDocument, { first: 101 }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(MsasDocument, { first: 5, after: "garbage" }, operator))).toEqual(["BAD_USER_INPUT"]);
  });

  it("loads Client.msa for a page of clients in one batch", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(msa.id);
    const count = async (first: number) => {
      const before = t.database.statements.count;
      dataOf(await t.gql(ClientsWithMsaDocument, { first }, operator));
      return t.database.statements.count - before;
    };
    expect(await count(2)).toBe(await count(20));
  });
});

describe("Engagement.responsibilities", () => {
  it("answers each category from the ACTIVE MSA, most specific clause first, later clause on ties", async () => {
    const clientId = await newClient(t, "msa-client");
    const inCA = await insertEngagement(clientId, "US-CA");
    const inTX = await insertEngagement(clientId, "US-TX");
    const inON = await insertEngagement(clientId, "CA-ON");

    // No ACTIVE MSA: every category, all silent.
    const none = await responsibilities(inCA);
    expect(none!.map((r) => r.category)).toEqual(ALL_CATEGORIES);
    expect(none!.every((r) => r.responsibleParty === null && r.clause === null && r.matchedJurisdiction === null)).toBe(true);

    const v1 = await createMsa(clientId, "2026-01-01");
    const payroll = await addClause(v1.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR", title: "Payroll everywhere" });
    const taxUS = await addClause(v1.id, { category: "TAX_REMITTANCE", responsibleParty: "EOR", jurisdictions: ["US"], title: "Tax US" });
    const taxCA = await addClause(v1.id, { category: "TAX_REMITTANCE", responsibleParty: "SHARED", jurisdictions: ["US-CA"], title: "Tax California" });
    const termAll = await addClause(v1.id, { category: "TERMINATION", responsibleParty: "SHARED", title: "Termination default" });
    const termUS1 = await addClause(v1.id, { category: "TERMINATION", responsibleParty: "EOR", jurisdictions: ["US"], title: "Termination US (first)" });
    const termUS2 = await addClause(v1.id, { category: "TERMINATION", responsibleParty: "CLIENT", jurisdictions: ["US", "CA"], title: "Termination US+CA (later)" });

    // A DRAFT does not answer.
    expect((await responsibilities(inCA, operator, "PAYROLL_PROCESSING"))![0].responsibleParty).toBeNull();
    await activate(v1.id);

    const ca = await responsibilities(inCA);
    const pick = (list: typeof ca, category: ResponsibilityCategory) => list!.find((r) => r.category === category)!;
    expect(pick(ca, "PAYROLL_PROCESSING")).toMatchObject({ responsibleParty: "EOR", matchedJurisdiction: null, clause: { id: payroll.id }, conflictingClauses: [] });
    expect(pick(ca, "TAX_REMITTANCE")).toMatchObject({ responsibleParty: "SHARED", matchedJurisdiction: "US-CA", clause: { id: taxCA.id, msa: { id: v1.id } } });
    expect(pick(ca, "TERMINATION")).toMatchObject({
      responsibleParty: "CLIENT",
      matchedJurisdiction: "US",
      clause: { id: termUS2.id },
      conflictingClauses: [{ id: termUS1.id }],
    });
    expect(pick(ca, "BENEFITS_ADMINISTRATION")).toMatchObject({ responsibleParty: null, clause: null, matchedJurisdiction: null, conflictingClauses: [] });

    const tx = await responsibilities(inTX);
    expect(pick(tx, "TAX_REMITTANCE")).toMatchObject({ responsibleParty: "EOR", matchedJurisdiction: "US", clause: { id: taxUS.id } });

    const on = await responsibilities(inON);
    expect(pick(on, "TAX_REMITTANCE")).toMatchObject({ responsibleParty: null, clause: null });
    expect(pick(on, "TERMINATION")).toMatchObject({ responsibleParty: "CLIENT", matchedJurisdiction: "CA", clause: { id: termUS2.id }, conflictingClauses: [] });

    const only = await responsibilities(inCA, operator, "TERMINATION");
    expect(only!.map((r) => r.category)).toEqual(["TERMINATION"]);

    // A new version takes over once activated.
    const v2 = await createMsa(clientId, "2026-06-01");
    await addClause(v2.id, { category: "TERMINATION", responsibleParty: "EOR", title: "Termination v2" });
    await activate(v2.id);
    const after = await responsibilities(inCA);
    expect(pick(after, "TERMINATION")).toMatchObject({ responsibleParty: "EOR", matchedJurisdiction: null, clause: { title: "Termination v2", msa: { id: v2.id } } });
    expect(pick(after, "PAYROLL_PROCESSING").responsibleParty).toBeNull();
    expect(termAll.id).not.toBe(termUS2.id);
  });

  it("resolves responsibilities for many engagements with a constant number of statements", async () => {
    const clientId = await newClient(t, "msa-client");
    const msa = await createMsa(clientId, "2026-01-01");
    await addClause(msa.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(msa.id);
    const ids: string[] = [];
    for (const j of ["US-CA", "US-TX", "US-NY", "CA-ON", "CA-QC", "US-WA"]) ids.push(await insertEngagement(clientId, j));
    const count = async (n: number) => {
      const query = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Engagement { responsibilities { category responsibleParty clause { id } } } } }`;
      const before = t.database.statements.count;
      const res = await t.gql<{ nodes: ({ responsibilities: { responsibleParty: string | null }[] } | null)[] }, { ids: string[] }>(query, { ids: ids.slice(0, n) }, operator);
      const nodes = dataOf(res).nodes;
      expect(nodes.every((node) => node?.responsibilities.some((r) => r.responsibleParty === "EOR"))).toBe(true);
      return t.database.statements.count - before;
    };
    expect(await count(2)).toBe(await count(6));
  });
});

describe("tenancy and scopes", () => {
  let clientA: string;
  let clientB: string;
  let activeA: Awaited<ReturnType<typeof createMsa>>;
  let draftA: Awaited<ReturnType<typeof createMsa>>;
  let clauseA: Awaited<ReturnType<typeof addClause>>;
  let draftClauseA: Awaited<ReturnType<typeof addClause>>;
  let engagementA: string;

  beforeAll(async () => {
    clientA = await newClient(t, "msa-client");
    clientB = await newClient(t, "msa-client");
    activeA = await createMsa(clientA, "2026-01-01");
    clauseA = await addClause(activeA.id, { category: "PAYROLL_PROCESSING", responsibleParty: "EOR" });
    await activate(activeA.id);
    draftA = await createMsa(clientA, "2026-06-01");
    draftClauseA = await addClause(draftA.id, { category: "TERMINATION", responsibleParty: "CLIENT" });
    engagementA = await insertEngagement(clientA, "US-CA");
    const activeB = await createMsa(clientB, "2026-01-01");
    await addClause(activeB.id, { category: "PAYROLL_PROCESSING", responsibleParty: "CLIENT" });
    await activate(activeB.id);
  });

  it("lets a client's own CLIENT token draft and accept (the EOR's acceptance is still needed)", async () => {
    const own = await clientToken(clientA);
    const v = await createMsa(clientA, "2026-09-01", own);
    await addClause(v.id, { category: "WORKPLACE_SAFETY", responsibleParty: "CLIENT" }, own);
    const accepted = await accept(v.id, own);
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.msa).toMatchObject({ status: "DRAFT", acceptedByClientActor: { kind: "CLIENT" }, acceptedByEorAt: null });
    const listed = dataOf(await t.gql(MsasDocument, { first: 100 }, own)).msas;
    expect(listed.edges.every((e) => e.node.client!.id === clientA)).toBe(true);
    expect(listed.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([activeA.id, draftA.id, v.id]));
  });

  it("answers another client's CLIENT token exactly as if nothing existed", async () => {
    const other = await clientToken(clientB);
    for (const id of [activeA.id, draftA.id, clauseA.id, draftClauseA.id, engagementA]) {
      expect(dataOf(await t.gql(MsaNodeDocument, { id }, other)).node).toBeNull();
    }
    expect(dataOf(await t.gql(EngagementResponsibilitiesDocument, { id: engagementA }, other)).node).toBeNull();
    expect(dataOf(await t.gql(ClientMsasDocument, { clientId: clientA }, other)).node).toBeNull();

    const filtered = dataOf(await t.gql(MsasDocument, { clientId: clientA, first: 100 }, other)).msas;
    expect(filtered).toMatchObject({ totalCount: 0, edges: [] });
    const mine = dataOf(await t.gql(MsasDocument, { first: 100 }, other)).msas;
    expect(mine.totalCount).toBeGreaterThan(0);
    expect(mine.edges.every((e) => e.node.client!.id === clientB)).toBe(true);

    const add = dataOf(await t.gql(AddMsaClauseDocument, { input: { msaId: draftA.id, category: "TERMINATION", responsibleParty: "EOR", title: "T", text: "x" } }, other));
    expect(add.addMsaClause.userErrors).toEqual([{ field: ["input", "msaId"], code: "NOT_FOUND", message: expect.any(String) }]);
    const addActive = dataOf(await t.gql(AddMsaClauseDocument, { input: { msaId: activeA.id, category: "TERMINATION", responsibleParty: "EOR", title: "T", text: "x" } }, other));
    expect(addActive.addMsaClause.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    const act = dataOf(await t.gql(ActivateMsaDocument, { input: { msaId: draftA.id } }, other));
    expect(act.activateMsa.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    const digestA = (await readMsa(draftA.id)).contentDigest;
    for (const msaId of [draftA.id, activeA.id]) {
      const acc = dataOf(await t.gql(AcceptMsaDocument, { input: { msaId, contentDigest: digestA } }, other));
      expect(acc.acceptMsa).toEqual({ msa: null, userErrors: [{ field: ["input", "msaId"], code: "NOT_FOUND", message: "MSA not found" }] });
    }
    const rm = dataOf(await t.gql(RemoveMsaClauseDocument, { input: { clauseId: draftClauseA.id } }, other));
    expect(rm.removeMsaClause.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);
    const create = dataOf(await t.gql(CreateMsaDocument, { input: { clientId: clientA, title: "T", effectiveFrom: "2027-01-01" } }, other));
    expect(create.createMsa.userErrors.map((e) => e.code)).toEqual(["NOT_FOUND"]);

    // Nothing of A changed.
    const draft = dataOf(await t.gql(MsaNodeDocument, { id: draftA.id }, operator)).node;
    expect(draft && "status" in draft ? [draft.status, draft.clauses.map((c) => c.id), draft.acceptedByClientAt] : null).toEqual(["DRAFT", [draftClauseA.id], null]);
  });

  it("needs msa:write for every change and msa:read for every read (FORBIDDEN)", async () => {
    const readOnly = await clientToken(clientA, ["clients:read", "msa:read"]);
    const writes = [
      await t.gql(CreateMsaDocument, { input: { clientId: clientA, title: "T", effectiveFrom: "2027-01-01" } }, readOnly),
      await t.gql(AddMsaClauseDocument, { input: { msaId: draftA.id, category: "TERMINATION", responsibleParty: "EOR", title: "T", text: "x" } }, readOnly),
      await t.gql(RemoveMsaClauseDocument, { input: { clauseId: draftClauseA.id } }, readOnly),
      await t.gql(ActivateMsaDocument, { input: { msaId: draftA.id } }, readOnly),
      await t.gql(AcceptMsaDocument, { input: { msaId: draftA.id, contentDigest: "0".repeat(64) } }, readOnly),
      await t.gql(AcceptMsaDocument, { input: { msaId: draftA.id, contentDigest: "0".repeat(64) } }, await t.token("OPERATOR", { scopes: ["msa:read", "clients:read"] })),
    ];
    for (const res of writes) expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
    // The partner default scopes include msa:read but not msa:write.
    const partner = await t.token("PARTNER", { clients: [clientA] });
    expect(errorCodes(await t.gql(ActivateMsaDocument, { input: { msaId: draftA.id } }, partner))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(AcceptMsaDocument, { input: { msaId: draftA.id, contentDigest: "0".repeat(64) } }, partner))).toEqual(["FORBIDDEN"]);
    expect(await readMsa(draftA.id)).toMatchObject({ status: "DRAFT", acceptedByClientAt: null, acceptedByEorAt: null });
    expect(dataOf(await t.gql(MsaNodeDocument, { id: activeA.id }, partner)).node).toMatchObject({ id: activeA.id });

    const noRead = await clientToken(clientA, ["clients:read", "workers:read"]);
    expect(errorCodes(await t.gql(MsasDocument, {}, noRead))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(MsaNodeDocument, { id: activeA.id }, noRead))).toEqual(["FORBIDDEN"]);
    expect(errorCodes(await t.gql(MsaNodeDocument, { id: clauseA.id }, noRead))).toEqual(["FORBIDDEN"]);
    const clientField = await t.gql(ClientMsasDocument, { clientId: clientA }, noRead);
    expect(errorCodes(clientField)).toContain("FORBIDDEN");

    expect(errorCodes(await t.gql(MsasDocument, {}, null))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses malformed and wrong-type IDs in queries with BAD_USER_INPUT", async () => {
    expect(errorCodes(await t.gql(MsaNodeDocument, { id: "definitely-not-an-id" }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(MsasDocument, { clientId: "garbage" }, operator))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await t.gql(MsasDocument, { clientId: activeA.id }, operator))).toEqual(["BAD_USER_INPUT"]);
  });
});
