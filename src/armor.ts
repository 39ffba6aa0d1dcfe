import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./shared/pagination";
import type { ListBound } from "./shared/list-limits";

/**
 * Limits on a GraphQL document, enforced before any resolver runs, over HTTP and WebSocket alike.
 * Documented in the README; raise them only with a reason.
 */
export const DOCUMENT_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 10_000,
} as const;

/** The token limit is enforced by graphql-js's own parser (Apollo `parseOptions`, and the WebSocket `parse`). */
export const PARSE_OPTIONS = { maxTokens: DOCUMENT_LIMITS.maxTokens } as const;

/** Largest list a list argument such as `nodes(ids:)` accepts; a variable is counted at this size. */
const MAX_LIST_ARGUMENT = 100;

/**
 * Validation rules and Apollo plugins for the limits. graphql-armor checks depth, aliases and directives; the
 * token limit is the parser's (armor's token plugin re-parses in a hook where a plain
 * syntax error became an HTTP 500); the cost is `costLimitRule` below.
 */
export function createArmor(): { validationRules: ValidationRule[]; plugins: ReturnType<ApolloArmor["protect"]>["plugins"] } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: DOCUMENT_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: DOCUMENT_LIMITS.maxAliases },
    maxTokens: { enabled: false },
    maxDirectives: { n: DOCUMENT_LIMITS.maxDirectives },
    costLimit: { enabled: false },
    // Field suggestions are removed by the server's formatError, for HTTP and WebSocket alike.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules: [...validationRules, costLimitRule(DOCUMENT_LIMITS.maxCost)] };
}

/**
 * Estimated cost of each operation, at validation (so before execution, and cached with the document):
 *   - a scalar field costs 1; a list of scalars 1 plus 1 per 25 items it may hold; an object field costs 2 plus
 *     its selections;
 *   - a connection field (one taking `first`/`last`) multiplies that by the page it may return: the literal
 *     `first`/`last` (at most the maximum page size, which the resolvers enforce), the MAXIMUM page size when
 *     it is a variable (validation cannot see variable values and the caller controls them), the default page
 *     size when absent; its `edges`/`nodes` are priced there (`pageItems`);
 *   - a plain list field multiplies by its declared hard maximum (`maxItems` in the field's extensions, set by
 *     `@MaxItems` in src/shared/list-limits.ts), or by the days of a literal date range times the items per day
 *     when it declares `perDay`; a list argument `ids` multiplies by its length (the maximum when a variable); a
 *     list that declares nothing counts as a full page (a test keeps every list declared);
 *   - every spread of a fragment counts; introspection fields cost nothing here (graphql-js's
 *     MaxIntrospectionDepthRule, part of the specified rules, bounds them).
 * Why not graphql-armor's cost rule: it reads only literal `first` values, so `first: $n` nested connections
 * cost nothing, and its 1.5× factor per level priced an ordinary 100-row nested page (workers → engagements →
 * client) above the limit while leaving that bypass open.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const estimate = costEstimator(context.getSchema(), (name) => context.getFragment(name) ?? undefined);
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const cost = estimate(operation);
        if (cost > maxCost) {
          context.reportError(
            new GraphQLError(`Query cost limit of ${maxCost} exceeded, estimated ${cost}. Ask for smaller pages or fewer nested connections.`, {
              nodes: [operation],
              extensions: { code: "BAD_USER_INPUT" },
            }),
          );
        }
      },
    };
  };
}

/** The estimated cost of each operation of a document (see `costLimitRule`), in document order. */
export function estimateCosts(schema: GraphQLSchema, document: DocumentNode): number[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const estimate = costEstimator(schema, (name) => fragments.get(name));
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION).map(estimate);
}

function costEstimator(schema: GraphQLSchema, getFragment: (name: string) => FragmentDefinitionNode | undefined) {
  const fragmentCosts = new Map<string, number>();
  const visiting = new Set<string>();

  const typeNamed = (name: string) => schema.getType(name) ?? undefined;

  const selectionsCost = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT)
        total += selectionsCost(selection.selectionSet, selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent);
      else total += fragmentCost(selection.name.value);
    }
    return total;
  };

  const fragmentCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = getFragment(name);
    if (!fragment || visiting.has(name)) return 0; // unknown or cyclic: the specified rules report it
    visiting.add(name);
    const cost = selectionsCost(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value));
    visiting.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined): number => {
    if (field.name.value.startsWith("__")) return 0;
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    if (!field.selectionSet) {
      return definition && isListType(getNullableType(definition.type)) ? 1 + Math.ceil(multiplier(field, definition) / SCALARS_PER_COST) : 1;
    }
    const child = definition ? getNamedType(definition.type) : undefined;
    return (2 + selectionsCost(field.selectionSet, child)) * multiplier(field, definition);
  };

  return (operation: OperationDefinitionNode): number => selectionsCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

/** A list of scalars costs 1 plus 1 per this many items it may hold. */
const SCALARS_PER_COST = 25;

const DAY_MS = 86_400_000;

/** The number of days from `from` to `to`, both inclusive, when both are literal ISO dates; otherwise null. */
function literalDays(from: ValueNode | undefined, to: ValueNode | undefined): number | null {
  if (from?.kind !== Kind.STRING || to?.kind !== Kind.STRING) return null;
  const start = Date.parse(`${from.value}T00:00:00Z`);
  const end = Date.parse(`${to.value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from.value) || !/^\d{4}-\d{2}-\d{2}$/.test(to.value) || Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(Math.round((end - start) / DAY_MS) + 1, 1);
}

/** How many times a field's selection may be resolved: its page size, declared maximum or list argument length. */
function multiplier(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number {
  const args = new Map((field.arguments ?? []).map((a) => [a.name.value, a.value]));
  const takes = (name: string) => definition?.args.some((a) => a.name === name) ?? args.has(name);
  if (takes("first") || takes("last")) {
    let page = 0;
    let given = false;
    for (const name of ["first", "last"]) {
      const value = args.get(name);
      if (!value || value.kind === Kind.NULL) continue;
      given = true;
      if (value.kind === Kind.INT) page = Math.max(page, Math.min(Number(value.value), MAX_PAGE_SIZE));
      else page = MAX_PAGE_SIZE; // a variable (or an invalid value, which validation refuses anyway)
    }
    return given ? Math.max(page, 1) : DEFAULT_PAGE_SIZE;
  }
  const ids = args.get("ids");
  const idsArg = definition?.args.find((a) => a.name === "ids");
  const idsIsList = idsArg ? isListType(isNonNullType(idsArg.type) ? idsArg.type.ofType : idsArg.type) : false;
  if (ids && idsIsList) {
    if (ids.kind === Kind.LIST) return Math.max(Math.min(ids.values.length, MAX_LIST_ARGUMENT), 1);
    return MAX_LIST_ARGUMENT;
  }
  if (!definition || !isListType(getNullableType(definition.type))) return 1;
  const bound = (definition.extensions ?? {}) as ListBound;
  if (bound.pageItems) return 1; // priced by the connection field's page
  if (typeof bound.maxItems === "number" && bound.maxItems > 0) {
    if (bound.perDay) {
      const days = literalDays(args.get(bound.perDay.from), args.get(bound.perDay.to));
      if (days !== null) return Math.max(Math.min(days * bound.perDay.items, bound.maxItems), 1);
    }
    return bound.maxItems;
  }
  return MAX_PAGE_SIZE;
}
