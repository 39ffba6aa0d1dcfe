import { GraphQLInterfaceType, GraphQLObjectType, GraphQLScalarType, GraphQLUnionType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage, type BuildSchemaOptions } from "type-graphql";

/** What this module reads of type-graphql's metadata (its build attaches `params` to each field resolver). */
interface ParamMetadata {
  kind: string;
  index: number;
  name?: string;
  propertyName?: string;
  getType?: () => unknown;
}
interface FieldResolverMetadata {
  kind: "internal" | "external";
  target: new () => Record<string, unknown>;
  methodName: string;
  schemaName: string;
  getObjectType?: () => unknown;
  params?: ParamMetadata[];
  middlewares?: unknown[];
  roles?: unknown[];
}
interface ClassMetadata {
  target: unknown;
  name: string;
  fields?: { name: string; getType: () => unknown; typeOptions?: { array?: boolean } }[];
}

type ParamOf = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * Calls the methods of `@FieldResolver`s and `@Query`s directly. type-graphql's resolver of such a field, on every call, sorts
 * the parameters' metadata, builds the arguments' instance by searching its metadata storage, awaits an `async`
 * validation that `validate: false` turns off, and gathers the parameters with `Promise.all`: a promise and a few
 * arrays per field per object — on a page of 50 workers with their engagements, their client and their current
 * compensation, 150 times per request (about a sixth of the allocations of `npm run bench:reads`'s nested page).
 * A root query is called the same way by type-graphql, once per request (about 3 % of the CPU of a small page
 * such as `clients(first: 5)`).
 *
 * Replaced only where the call means the same: a field resolver in a resolver class or a query, without middlewares or
 * roles, whose parameters are the root, the context, the info and arguments of scalar or enum types (the
 * arguments' class instance built as type-graphql builds it: a new instance with the given values assigned).
 * Any other keeps type-graphql's resolver. Runs before the schema's other wrappers (string guard, read scopes,
 * request budget), which then wrap the direct call as they wrapped type-graphql's.
 *
 * `options` are the schema's build options: when they ask type-graphql for per-call work of its own (global
 * middlewares, an auth checker, argument validation, a dependency container), nothing is replaced — a direct call
 * would skip it.
 */
export function leanFieldResolvers(schema: GraphQLSchema, options: BuildSchemaOptions): number {
  if (options.globalMiddlewares?.length || options.authChecker || options.validate !== false || options.container) return 0;
  const storage = getMetadataStorage() as unknown as {
    fieldResolvers: FieldResolverMetadata[];
    queries: Omit<FieldResolverMetadata, "kind" | "getObjectType">[];
    objectTypes: ClassMetadata[];
    argumentTypes: ClassMetadata[];
    inputTypes: ClassMetadata[];
  };
  const objectNames = new Map(storage.objectTypes.map((t) => [t.target, t.name]));
  const fieldOf = (type: unknown, name: string) => (type instanceof GraphQLObjectType ? type.getFields()[name] : undefined);
  const resolvers = [
    ...storage.fieldResolvers.map((resolver) => {
      const typeName = resolver.kind === "external" && resolver.getObjectType ? objectNames.get(resolver.getObjectType()) : undefined;
      return { resolver, field: typeName ? fieldOf(schema.getType(typeName), resolver.schemaName) : undefined };
    }),
    ...storage.queries.map((resolver) => ({ resolver, field: fieldOf(schema.getQueryType(), resolver.schemaName) })),
  ];
  // Only the schema's own resolver classes (the metadata storage holds every decorated class of the process).
  const classes = Array.isArray(options.resolvers) ? new Set<unknown>(options.resolvers) : null;
  let replaced = 0;
  for (const { resolver, field } of resolvers) {
    if (!field || !resolver.params || !classes?.has(resolver.target)) continue;
    if (resolver.middlewares?.length || resolver.roles) continue;
    const params = [...resolver.params].sort((a, b) => a.index - b.index).map((param) => paramOf(param, storage));
    if (params.some((p) => p === null)) continue;
    const instance = new resolver.target();
    const method = instance[resolver.methodName];
    if (typeof method !== "function") continue;
    field.resolve = direct(instance, method as (...values: unknown[]) => unknown, params as ParamOf[]);
    replaced++;
  }
  return replaced;
}

function direct(instance: object, method: (...values: unknown[]) => unknown, params: ParamOf[]): GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> {
  const n = params.length;
  return (root, args, context, info) => {
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) values[i] = params[i](root, args, context, info);
    return method.apply(instance, values);
  };
}

/** How to get one parameter, or null when only type-graphql's own resolver gets it right. */
function paramOf(param: ParamMetadata, storage: { argumentTypes: ClassMetadata[]; inputTypes: ClassMetadata[] }): ParamOf | null {
  const { propertyName } = param;
  switch (param.kind) {
    case "root":
      if (param.getType) return null; // converted to a class by type-graphql
      return propertyName ? (root) => (root as Record<string, unknown>)[propertyName] : (root) => root;
    case "context":
      return propertyName ? (_r, _a, context) => (context as Record<string, unknown>)[propertyName] : (_r, _a, context) => context;
    case "info":
      return (_r, _a, _c, info) => info;
    case "arg": {
      const name = param.name;
      if (!name || !param.getType || !isPlainValueType(param.getType(), storage)) return null;
      return (_r, args) => args[name];
    }
    case "args": {
      if (!param.getType) return null;
      const ArgsClass = param.getType() as new () => Record<string, unknown>;
      const names = argsFieldNames(ArgsClass, storage);
      if (!names) return null;
      return (_r, args) => {
        const instance = new ArgsClass();
        for (const name of names) if (args[name] !== undefined) instance[name] = args[name];
        return instance;
      };
    }
    default:
      return null;
  }
}

/** The fields of an `@ArgsType` class and its superclasses, when all of them are scalars or enums (else null). */
function argsFieldNames(ArgsClass: unknown, storage: { argumentTypes: ClassMetadata[]; inputTypes: ClassMetadata[] }): string[] | null {
  const names: string[] = [];
  for (let klass = ArgsClass; typeof klass === "function" && klass.prototype !== undefined; klass = Object.getPrototypeOf(klass) as unknown) {
    const meta = storage.argumentTypes.find((t) => t.target === klass);
    for (const field of meta?.fields ?? []) {
      if (field.typeOptions?.array || !isPlainValueType(field.getType(), storage)) return null;
      names.push(field.name);
    }
  }
  return names;
}

/** A type whose values type-graphql passes through unconverted: a scalar, an enum object, a primitive's class. */
function isPlainValueType(type: unknown, storage: { inputTypes: ClassMetadata[] }): boolean {
  if (type instanceof GraphQLScalarType || type === String || type === Number || type === Boolean || type === Date) return true;
  if (storage.inputTypes.some((t) => t.target === type)) return false;
  return typeof type === "object" && type !== null; // an enum (a plain object registered with registerEnumType)
}

interface AbstractTypeMetadata {
  name: string;
  resolveType?: (value: unknown, context: unknown, info: unknown, type: unknown) => unknown;
}

/**
 * Makes the `resolveType` of interfaces and unions declared with one synchronous. type-graphql wraps a declared
 * `resolveType` in an `async` function (to map a returned class to its type's name): graphql-js awaits its promise,
 * but the compiled executor (src/compiled-execution.ts) needs the name at once. The replacement does what
 * type-graphql's wrapper does — a name (or nothing) passes, a class becomes its object type's name among the
 * type's possible types — and returns a promise only when the declared function does. Types without a declared
 * `resolveType` keep type-graphql's own, which is synchronous already.
 */
export function synchronousResolveTypes(schema: GraphQLSchema): number {
  const storage = getMetadataStorage() as unknown as { interfaceTypes: AbstractTypeMetadata[]; unions: AbstractTypeMetadata[]; objectTypes: ClassMetadata[] };
  const objectNames = new Map(storage.objectTypes.map((t) => [t.target, t.name]));
  let replaced = 0;
  for (const meta of [...storage.interfaceTypes, ...storage.unions]) {
    const declared = meta.resolveType;
    const type = schema.getType(meta.name);
    if (!declared || !(type instanceof GraphQLInterfaceType || type instanceof GraphQLUnionType)) continue;
    const possible = new Set(schema.getPossibleTypes(type).map((t) => t.name));
    const nameOf = (resolved: unknown): string | undefined => {
      if (!resolved || typeof resolved === "string") return (resolved as string | undefined) ?? undefined;
      const name = objectNames.get(resolved);
      return name !== undefined && possible.has(name) ? name : undefined;
    };
    type.resolveType = (value, context, info, abstractType) => {
      const resolved = declared(value, context, info, abstractType);
      return typeof (resolved as PromiseLike<unknown> | null)?.then === "function" ? Promise.resolve(resolved).then(nameOf) : nameOf(resolved);
    };
    replaced++;
  }
  return replaced;
}
