import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coerceInputValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredArgument,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { createSchema } from "../../src/schema";
import { toGlobalId } from "../../src/shared/global-id";
import { encodeEventCursor } from "../../src/modules/events/event.cursor";

/**
 * 10,000 schema-driven hostile inputs through the real server over HTTP: for every query and mutation field,
 * arguments generated from their types — control characters, lone surrogates, huge and odd Unicode strings,
 * negative and huge numbers, malformed IDs and cursors, wrong enum values, lists, malformed dates and decimals —
 * with a seeded PRNG (the same inputs on every run). No answer may be an HTTP 5xx or carry
 * INTERNAL_SERVER_ERROR: every refusal is a coded, caller-fixable error or a userError.
 *
 * Inputs whose variables coerce are sent several to a document (aliased fields); the others (wrong types, wrong
 * enum values, missing required values) one to a request, since a coercion error refuses the whole document.
 */
const SEED = 0x5eed_6006;
const INPUTS = 10_000;
/** Fields per document: queries fewer (each may ask for a page of 100 and hit the cost limit), mutations more. */
const PER_DOCUMENT = { query: 3, mutation: 10 };
const CONCURRENCY = 4;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)];
    },
  };
}
type Rng = ReturnType<typeof prng>;

const UUID_LIKE = "01890a5d-ac96-774b-bcce-b302099a8057";
const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u0003",
  "tab\there",
  "line\nbreak",
  "cr\rlf",
  "\u001b[31mred",
  "\u007f",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF\uDBFF",
  "😀",
  "e\u0301\u0301\u0301",
  "\u202Eevil\u202C",
  "\u200B\u200C\u200D\uFEFF",
  "\uFFFD\uFFFF",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "Ωμέγα 東京 مرحبا",
  "'; drop table clients; --",
  '" or 1=1 --',
  "%s%n%x",
  "\\",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "null",
  "undefined",
  "NaN",
  "-1",
  "US-CA",
  "CA-QC",
  "US",
  "XX-YY",
  "us-ca",
  "a@b.co",
  "@@",
  "123-45-6789",
  "payrollRun.statusChanged",
  "x".repeat(101),
  "x".repeat(10_001),
  "é".repeat(5_000),
  "😀".repeat(3_000),
];
const HOSTILE_IDS = [
  "",
  "not-an-id",
  "!!!",
  "\u0000",
  "=",
  Buffer.from("Client:").toString("base64url"),
  Buffer.from("Client:not-a-uuid").toString("base64url"),
  Buffer.from(`Nope:${UUID_LIKE}`).toString("base64url"),
  Buffer.from(`Client:${UUID_LIKE}:extra`).toString("base64url"),
  Buffer.from(`Client:${UUID_LIKE}`).toString("base64"),
  toGlobalId("Client", UUID_LIKE),
  toGlobalId("Worker", UUID_LIKE),
  toGlobalId("PayrollRun", UUID_LIKE),
  toGlobalId("Client", "00000000-0000-0000-0000-000000000000"),
  toGlobalId("Client", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
  "A".repeat(5_000),
];
const CURSORS = [
  "",
  "abc",
  "====",
  Buffer.from("event:x:1").toString("base64url"),
  encodeEventCursor(UUID_LIKE, 1),
  encodeEventCursor(UUID_LIKE, 999_999_999_999_999),
  Buffer.from(`${UUID_LIKE}`).toString("base64url"),
  Buffer.from(`cursor:${UUID_LIKE}`).toString("base64url"),
  Buffer.from("\u0000\u0001").toString("base64url"),
  "_".repeat(300),
];
const INTS = [0, 1, -1, 2, 20, 99, 100, 101, 1_000, -100, 2_147_483_647, -2_147_483_648, 65_535];
const BAD_INTS = [2_147_483_648, 1.5, "1", Number.MAX_SAFE_INTEGER, true];
const DATES = [
  "2026-01-05",
  "2026-02-28",
  "2026-02-29",
  "2024-02-29",
  "2026-02-30",
  "2026-13-01",
  "1899-12-31",
  "1900-01-01",
  "2200-12-31",
  "2201-01-01",
  "0000-00-00",
  "9999-12-31",
  "2026-1-5",
  "2026-01-05T00:00:00Z",
  "",
  "\u0000",
];
const DATETIMES = [
  "2026-03-01T12:00:00Z",
  "2026-03-01T12:00:00+14:00",
  "1970-01-01T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "2026-03-01T25:00:00Z",
  "275760-09-13T00:00:00Z",
  "2026-03-01",
  "yesterday",
  "2026-03-01T12:00:00.123456789Z",
  "",
];
const DECIMALS = [
  "0",
  "0.00",
  "1",
  "0.01",
  "0.001",
  "0.000001",
  "100000.00",
  "145000.00",
  "999999999999999",
  "999999999999999.999999",
  "-1",
  "1e5",
  "1,000.00",
  ".5",
  "5.",
  "NaN",
  "Infinity",
  "",
  "1.2.3",
  " 1 ",
];

interface Pools {
  ids: Record<string, string[]>;
  cursors: string[];
}

/** A value for an input type: usually well-typed and hostile, sometimes ill-typed. */
function generate(rng: Rng, type: GraphQLInputType, pools: Pools, argName: string, strict: boolean): unknown {
  if (isNonNullType(type)) {
    if (!strict && rng.chance(0.01)) return null;
    return present(rng, type.ofType, pools, argName, strict);
  }
  if (rng.chance(0.1)) return null;
  return present(rng, type, pools, argName, strict);
}

/** A non-null value of a nullable type. */
function present(rng: Rng, type: GraphQLInputType, pools: Pools, argName: string, strict: boolean): unknown {
  if (isListType(type)) {
    if (!strict && rng.chance(0.03)) return generate(rng, type.ofType, pools, argName, strict); // a single value for a list
    const length = rng.chance(0.03) ? 101 : rng.pick([0, 1, 1, 2, 3, 5, 21]);
    return Array.from({ length }, () => generate(rng, type.ofType, pools, argName, strict));
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (!isNonNullType(field.type) && rng.chance(0.35)) continue;
      out[field.name] = generate(rng, field.type, pools, field.name, strict);
    }
    if (!strict && rng.chance(0.02)) out.notAField = "x";
    return out;
  }
  // A leaf. Strict: a value of the right type (hostile in content only), drawn again until it coerces.
  for (let attempt = 0; ; attempt++) {
    const value = leaf(rng, type, pools, argName);
    if (!strict || attempt >= 50) return value;
    let ok = true;
    coerceInputValue(value, type, () => (ok = false));
    if (ok) return value;
  }
}

function leaf(rng: Rng, type: GraphQLInputType, pools: Pools, argName: string): unknown {
  if (isEnumType(type)) {
    if (rng.chance(0.05)) return rng.pick(["NOT_A_VALUE", "", type.getValues()[0].name.toLowerCase(), 1]);
    return rng.pick(type.getValues()).name;
  }
  const name = (type as GraphQLNamedType).name;
  switch (name) {
    case "Int":
      return rng.chance(0.05) ? rng.pick(BAD_INTS) : rng.pick(INTS);
    case "Float":
      return rng.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53]);
    case "Boolean":
      return rng.chance(0.03) ? "yes" : rng.chance(0.5);
    case "ID": {
      if (rng.chance(0.6)) {
        const typed = Object.entries(pools.ids).filter(([key]) => argName.toLowerCase().includes(key.toLowerCase()));
        const pool = typed.length ? rng.pick(typed)[1] : rng.pick(Object.values(pools.ids));
        if (pool.length) return rng.pick(pool);
      }
      return rng.chance(0.7) ? rng.pick(HOSTILE_IDS) : rng.pick(HOSTILE_STRINGS);
    }
    case "Date":
      return rng.pick(DATES);
    case "DateTime":
      return rng.pick(DATETIMES);
    case "Decimal":
      return rng.pick(DECIMALS);
    default: {
      if (argName === "after" || argName === "before") return rng.chance(0.5) ? rng.pick([...CURSORS, ...pools.cursors]) : rng.pick(HOSTILE_STRINGS);
      if (rng.chance(0.03)) return rng.pick([1, true, {}]);
      return rng.pick(HOSTILE_STRINGS);
    }
  }
}

/** Leaf fields of an output type, and its object fields' leaves one level down (no field that needs an argument). */
function selection(type: GraphQLNamedType, depth = 0): string {
  if (isLeafType(type)) return "";
  if (isUnionType(type)) return "{ __typename }";
  const fields = Object.values((type as GraphQLObjectType).getFields()) as GraphQLField<unknown, unknown>[];
  const parts = ["__typename"];
  for (const field of fields) {
    if (field.args.some(isRequiredArgument) || field.name === "edges") continue; // `nodes` holds the same objects
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth < 1 && (isObjectType(named) || isInterfaceType(named))) parts.push(`${field.name} ${selection(named, depth + 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

interface Input {
  operation: "query" | "mutation";
  field: GraphQLField<unknown, unknown>;
  variables: Record<string, unknown>;
  coerces: boolean;
}

function coerces(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): boolean {
  for (const arg of field.args) {
    const value = variables[arg.name];
    if (value === undefined) {
      if (isNonNullType(arg.type)) return false;
      continue;
    }
    let ok = true;
    coerceInputValue(value, arg.type, () => (ok = false));
    if (!ok) return false;
  }
  void schema;
  return true;
}

function documentOf(inputs: Input[]): { query: string; variables: Record<string, unknown> } {
  const definitions: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  inputs.forEach((input, i) => {
    const args: string[] = [];
    for (const arg of input.field.args) {
      if (!(arg.name in input.variables)) continue;
      const name = `v${i}_${arg.name}`;
      definitions.push(`$${name}: ${arg.type.toString()}`);
      args.push(`${arg.name}: $${name}`);
      variables[name] = input.variables[arg.name];
    }
    const named = getNamedType(input.field.type);
    fields.push(`f${i}: ${input.field.name}${args.length ? `(${args.join(", ")})` : ""} ${selection(named)}`);
  });
  const head = definitions.length ? `(${definitions.join(", ")})` : "";
  return { query: `${inputs[0].operation} Fuzz${head} { ${fields.join(" ")} }`, variables };
}

let t: TestServer;
let schema: GraphQLSchema;
const tokens: string[] = [];
let pools: Pools;

beforeAll(async () => {
  t = await startTestServer();
  schema = await createSchema();
  const operator = await t.token("OPERATOR");
  const seeded = dataOf(
    await t.gql<Record<string, { nodes: { id: string; periods?: { nodes: { id: string }[] } }[] }>, unknown>(
      `{ clients(first: 3) { nodes { id } } workers(first: 3) { nodes { id } } engagements(first: 3) { nodes { id } }
       paySchedules(first: 2) { nodes { id periods(first: 2) { nodes { id } } } } msas(first: 3) { nodes { id } } }`,
      undefined,
      operator,
    ),
  );
  const clientIds = seeded.clients.nodes.map((n) => n.id);
  const run = dataOf(
    await t.gql<{ createPayrollRun: { payrollRun: { id: string } } }, unknown>(
      `mutation ($c: ID!) { createPayrollRun(input: { clientId: $c, kind: OFF_CYCLE, country: US, payDate: "2026-03-13" }) { payrollRun { id } } }`,
      { c: clientIds[0] },
      operator,
    ),
  ).createPayrollRun.payrollRun.id;
  const events = dataOf(
    await t.gql<{ events: { edges: { cursor: string }[] } }, unknown>(`query ($c: ID!) { events(clientId: $c, first: 2) { edges { cursor } } }`, { c: clientIds[0] }, operator),
  );
  pools = {
    ids: {
      client: clientIds,
      worker: seeded.workers.nodes.map((n) => n.id),
      engagement: seeded.engagements.nodes.map((n) => n.id),
      paySchedule: seeded.paySchedules.nodes.map((n) => n.id),
      period: seeded.paySchedules.nodes.flatMap((n) => n.periods!.nodes.map((p) => p.id)),
      msa: seeded.msas.nodes.map((n) => n.id),
      run: [run],
      id: [...clientIds, run, ...seeded.workers.nodes.map((n) => n.id)],
    },
    cursors: events.events.edges.map((e) => e.cursor),
  };
  tokens.push(
    operator,
    operator,
    operator,
    await t.token("CLIENT", { clients: [clientIds[0]] }),
    await t.token("PARTNER", { clients: clientIds.slice(0, 2), scopes: ["workers:read", "payroll:read"] }),
  );
});

afterAll(async () => {
  await t?.stop();
});

describe("schema-driven fuzz", () => {
  it(`${INPUTS} hostile inputs: no HTTP 5xx, no INTERNAL_SERVER_ERROR`, { timeout: 120_000 }, async () => {
    const rng = prng(SEED);
    const roots: ["query" | "mutation", GraphQLObjectType][] = [
      ["query", schema.getQueryType()!],
      ["mutation", schema.getMutationType()!],
    ];
    const fields = roots.flatMap(([operation, type]) => Object.values(type.getFields()).map((field) => ({ operation, field })));
    expect(fields.length).toBeGreaterThan(35);

    const inputs: Input[] = [];
    for (let i = 0; i < INPUTS; i++) {
      const { operation, field } = fields[i % fields.length];
      const variables: Record<string, unknown> = {};
      // 85 %: well-typed values with hostile content; 15 %: anything (wrong types and enum values, missing values).
      const strict = rng.chance(0.85);
      for (const arg of field.args) {
        if (!isNonNullType(arg.type) && rng.chance(0.3)) continue;
        variables[arg.name] = generate(rng, arg.type, pools, arg.name, strict);
      }
      inputs.push({ operation, field, variables, coerces: coerces(schema, field, variables) });
    }

    // Requests: coercing inputs several to a document (per operation type), the others alone.
    const requests: { inputs: Input[]; token: string }[] = [];
    for (const operation of ["query", "mutation"] as const) {
      const batchable = inputs.filter((i) => i.operation === operation && i.coerces);
      for (let i = 0; i < batchable.length; i += PER_DOCUMENT[operation]) requests.push({ inputs: batchable.slice(i, i + PER_DOCUMENT[operation]), token: rng.pick(tokens) });
      for (const single of inputs.filter((i) => i.operation === operation && !i.coerces)) requests.push({ inputs: [single], token: rng.pick(tokens) });
    }

    const failures: string[] = [];
    let executed = 0;
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++];
        const { query, variables } = documentOf(request.inputs);
        const send = () =>
          fetch(t.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${request.token}` },
            body: JSON.stringify({ query, variables }),
          });
        let res = await send();
        // A 503 with Retry-After is the server's answer when its database did not answer in time: a loaded CI
        // machine causes one now and then. A client sends the request again after Retry-After, and so does this
        // test, twice at most; an input that still gets a 5xx fails.
        for (let retry = 0; retry < 2 && res.status === 503 && res.headers.get("retry-after"); retry++) {
          await res.arrayBuffer();
          await new Promise((resolve) => setTimeout(resolve, 1_000 * Number(res.headers.get("retry-after"))));
          res = await send();
        }
        const text = await res.text();
        let body: { data?: unknown; errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[] };
        try {
          body = JSON.parse(text);
        } catch {
          failures.push(`HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
          continue;
        }
        // Executed: no request-level error (parse, validation, variable coercion: errors without a path).
        if (!(body.errors ?? []).some((e) => e.path === undefined)) executed += request.inputs.length;
        const internal = (body.errors ?? []).filter((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR" || e.extensions?.code === undefined);
        if (res.status >= 500 || internal.length > 0) {
          for (const error of internal.length ? internal : [{ message: `HTTP ${res.status}`, path: undefined }]) {
            const index = typeof error.path?.[0] === "string" ? Number(String(error.path[0]).slice(1)) : 0;
            const input = request.inputs[index] ?? request.inputs[0];
            failures.push(`${input.operation} ${input.field.name}: ${error.message} ${JSON.stringify(input.variables).slice(0, 400)}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([]);
    // Most inputs reach the resolvers (the rest are refused by coercion or validation, which is also a pass).
    expect(executed).toBeGreaterThan(INPUTS / 2);
  });
});
