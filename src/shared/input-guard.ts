import { Extensions } from "type-graphql";
import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { badInput } from "./errors";

/**
 * One guard on every string the caller sends: text with control characters or lone surrogates never reaches a
 * resolver, a service, a log line or the database (Postgres refuses NUL with an error, postgres.js would turn a
 * lone surrogate into U+FFFD silently). It runs on the arguments after graphql-js coerced them — literals and
 * variables alike, over HTTP and WebSocket, for queries, mutations and subscriptions — and walks input objects,
 * lists and every scalar whose value is a string (String, ID, Date, Decimal, …).
 *
 * Refused: C0 controls U+0000–U+001F and DEL U+007F, except tab, line feed and carriage return in an input field
 * marked `@MultilineText()`; UTF-16 surrogates without their pair. The answer is a `BAD_USER_INPUT` error (the
 * field answers null) with `extensions.argument` (the argument's name) and `extensions.inputPath` (where in it),
 * not a userError: a query or a subscription has no payload to carry one, and one shape everywhere is simpler.
 */

const MULTILINE = "multilineText";

/** Marks an input field whose text may span lines (tab, LF and CR allowed; other controls still refused). */
export const MultilineText = () => Extensions({ [MULTILINE]: true });

// The point of these patterns is to find control characters in input text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string is refused, or null when it is clean. */
export function textProblem(value: string, multiline = false): string | null {
  if ((multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value)) {
    return multiline ? "contains a control character (only tab, line feed and carriage return are allowed)" : "contains a control character (U+0000–U+001F or U+007F)";
  }
  if (LONE_SURROGATE.test(value)) return "contains an unpaired UTF-16 surrogate (not valid Unicode)";
  return null;
}

type Check = (value: unknown, path: (string | number)[]) => void;

/** A checker per input type, or null when no value of the type can hold a string (Int, Boolean, enums…). */
function checkerOf(type: GraphQLInputType, multiline: boolean, seen: Map<string, Check | null>): Check | null {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = checkerOf(inner.ofType, multiline, seen);
    if (!item) return null;
    return (value, path) => {
      if (Array.isArray(value)) value.forEach((v, i) => item(v, [...path, i]));
      else item(value, path); // a single value given for a list (input coercion allows it)
    };
  }
  if (isScalarType(inner)) {
    return (value, path) => {
      if (typeof value !== "string") return;
      const problem = textProblem(value, multiline);
      if (problem) {
        const where = path.join(".");
        throw badInput(`\`${where}\` ${problem}`, { argument: String(path[0]), inputPath: path.map(String) });
      }
    };
  }
  if (isInputObjectType(inner)) {
    const key = inner.name;
    if (seen.has(key)) return (value, path) => seen.get(key)?.(value, path); // recursive input types
    seen.set(key, null);
    const fields = Object.values(inner.getFields())
      .map((f) => ({ name: f.name, check: checkerOf(f.type, f.extensions?.[MULTILINE] === true, seen) }))
      .filter((f): f is { name: string; check: Check } => f.check !== null);
    const check: Check | null =
      fields.length === 0
        ? null
        : (value, path) => {
            if (value === null || typeof value !== "object") return;
            for (const f of fields) {
              const v = (value as Record<string, unknown>)[f.name];
              if (v != null) f.check(v, [...path, f.name]);
            }
          };
    seen.set(key, check);
    return check;
  }
  return null; // enums
}

function argumentsChecker(args: readonly GraphQLArgument[], seen: Map<string, Check | null>): ((args: Record<string, unknown>) => void) | null {
  const checks = args
    .map((a) => ({ name: a.name, check: checkerOf(a.type, a.extensions?.[MULTILINE] === true, seen) }))
    .filter((a): a is { name: string; check: Check } => a.check !== null);
  if (checks.length === 0) return null;
  return (values) => {
    for (const a of checks) {
      const v = values?.[a.name];
      if (v != null) a.check(v, [a.name]);
    }
  };
}

/**
 * Wraps `resolve` (and `subscribe`) of every field that takes a string-bearing argument, in every object type
 * of the schema (root fields and nested ones such as `Client.workers(homeJurisdiction:)`), with the check.
 * Mutates and returns the schema.
 */
export function guardStringInputs(schema: GraphQLSchema): GraphQLSchema {
  const seen = new Map<string, Check | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const check = argumentsChecker(field.args, seen);
      if (!check) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        check(args);
        return resolve(source, args, context, info);
      };
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args: Record<string, unknown>, context, info) => {
          check(args);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
