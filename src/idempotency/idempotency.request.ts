import { getOperationAST, getVariableValues, OperationTypeNode, type DocumentNode, type GraphQLSchema } from "graphql";
import { keyInvalid, type IdempotencyError } from "./idempotency.errors";

/** A key: 1 to 255 printable ASCII characters (0x20-0x7E), compared exactly (case and spaces count). */
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

/** The name of the HTTP request header, and of the body extension (HTTP and WebSocket). */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_KEY_EXTENSION = "idempotencyKey";
/** Header of a replayed answer. */
export const REPLAYED_HEADER = "Idempotent-Replayed";

/** The key a request carries: none, one (header and extension agree), or an error. */
export type KeyOfRequest = { kind: "none" } | { kind: "key"; key: string } | { kind: "invalid"; error: IdempotencyError };

/** Reads the key from the header (HTTP only) and `extensions.idempotencyKey`; both may be sent, then they must be equal. */
export function keyOfRequest(header: string | string[] | undefined, extensions: unknown): KeyOfRequest {
  const fromBody = extensions !== null && typeof extensions === "object" ? (extensions as Record<string, unknown>)[IDEMPOTENCY_KEY_EXTENSION] : undefined;
  if (header === undefined && fromBody === undefined) return { kind: "none" };
  if (Array.isArray(header)) return { kind: "invalid", error: keyInvalid(`send one ${IDEMPOTENCY_KEY_HEADER} header`) };
  if (fromBody !== undefined && typeof fromBody !== "string") return { kind: "invalid", error: keyInvalid(`extensions.${IDEMPOTENCY_KEY_EXTENSION} must be a string`) };
  if (header !== undefined && fromBody !== undefined && header !== fromBody) {
    return { kind: "invalid", error: keyInvalid(`the ${IDEMPOTENCY_KEY_HEADER} header and extensions.${IDEMPOTENCY_KEY_EXTENSION} differ`) };
  }
  const key = (header ?? fromBody) as string;
  if (!KEY_PATTERN.test(key))
    return {
      kind: "invalid",
      error: keyInvalid(key.length === 0 ? "it is empty" : key.length > 255 ? "it is longer than 255 characters" : "it holds a character outside 0x20-0x7E"),
    };
  return { kind: "key", key };
}

export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
}

/**
 * Whether the key applies: only to a mutation that will reach execution. A query or subscription ignores the key,
 * and so does a request whose operation cannot be chosen or whose variables do not coerce: it fails before
 * execution whatever the key (the error comes from GraphQL as without a key), so nothing is reserved or stored.
 * Validation errors are not checked here: they stop the request before execution, which releases the key.
 */
export function keyApplies(request: OperationRequest): boolean {
  const operation = getOperationAST(request.document, request.operationName);
  if (operation?.operation !== OperationTypeNode.MUTATION) return false;
  const variables = request.variables ?? {};
  if (typeof variables !== "object" || Array.isArray(variables)) return false;
  return !getVariableValues(request.schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors;
}

/** JSON with object keys sorted at every level: equal values give equal text, whatever the key order sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What the fingerprint covers: the operation text exactly as sent, the variables (canonical) and the operation name. */
export function fingerprintInput(query: string, variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined): string {
  return canonicalJson({ query, variables: variables ?? {}, operationName: operationName ?? null });
}
