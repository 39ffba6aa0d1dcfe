import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";

/** What a connection's selection reads on its nodes: each field's name, with the names of its own subfields. */
export type NodeSelection = ReadonlyMap<string, ReadonlySet<string>>;

/** Per field's nodes (the same array for every object of a page): the selection, found once. */
const found = new WeakMap<readonly FieldNode[], NodeSelection>();

/**
 * The fields a connection field's selection reads on its nodes, under `nodes { … }` and `edges { node { … } }`, each
 * with the names of the fields it selects in turn (empty for a leaf): through inline fragments and named
 * fragments, whatever their type conditions and directives (`@skip`, `@include`). A superset of what execution will
 * read, never less: a repository may read fewer columns for a page whose nodes need fewer, and nothing else may
 * depend on it (no check is ever skipped by it).
 */
export function connectionNodeSelection(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">): NodeSelection {
  const known = found.get(info.fieldNodes);
  if (known) return known;
  const selection = new Map<string, Set<string>>();
  const { fragments } = info;
  for (const field of info.fieldNodes) {
    for (const nodes of fieldsNamed(field.selectionSet, "nodes", fragments)) collectFields(nodes, fragments, selection);
    for (const edges of fieldsNamed(field.selectionSet, "edges", fragments)) {
      for (const node of fieldsNamed(edges, "node", fragments)) collectFields(node, fragments, selection);
    }
  }
  found.set(info.fieldNodes, selection);
  return selection;
}

/** True when every field `selection` names is in `allowed`. */
export function selectsOnly(selection: Iterable<string> | undefined, allowed: ReadonlySet<string>): boolean {
  for (const name of selection ?? []) if (!allowed.has(name)) return false;
  return true;
}

/** The selection sets of the fields named `name` in `set` (fragments included). */
function fieldsNamed(set: SelectionSetNode | undefined, name: string, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): SelectionSetNode[] {
  const sets: SelectionSetNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name && selection.selectionSet) sets.push(selection.selectionSet);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      sets.push(...fieldsNamed(selection.selectionSet, name, fragments, seen));
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) sets.push(...fieldsNamed(fragment.selectionSet, name, fragments, new Set(seen).add(fragment.name.value)));
    }
  }
  return sets;
}

/** Adds the fields selected in `set` to `into` (fragments included), each with the names of its subfields. */
function collectFields(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, into: Map<string, Set<string>>, seen = new Set<string>()): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      let subfields = into.get(selection.name.value);
      if (!subfields) into.set(selection.name.value, (subfields = new Set()));
      if (selection.selectionSet) collectNames(selection.selectionSet, fragments, subfields, new Set());
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, fragments, into, seen);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) collectFields(fragment.selectionSet, fragments, into, new Set(seen).add(fragment.name.value));
    }
  }
}

/** Adds the names of the fields selected in `set` (fragments included, not their subfields). */
function collectNames(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, names: Set<string>, seen: Set<string>): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collectNames(selection.selectionSet, fragments, names, seen);
    else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) collectNames(fragment.selectionSet, fragments, names, new Set(seen).add(fragment.name.value));
    }
  }
}
