/**
 * `{ A: "A", B: "B" }` from `["A", "B"]`: an object shaped like a TypeScript string enum, built from a value list
 * (a database enum's `enumValues`), so that a GraphQL enum registered with it (`registerEnumType`) and the
 * database enum cannot differ. Members read like an enum's (`PayrollRunStatus.DRAFT`), and the string literals
 * are its values too.
 */
export function enumObject<const T extends string>(values: readonly T[]): { readonly [K in T]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in T]: K };
}
