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
  const addNodes = (nodes: SelectionSetNode | undefined) => {
    for (const field of fieldsOf(nodes, fragments)) {
      let subfields = selection.get(field.name.value);
      if (!subfields) selection.set(field.name.value, (subfields = new Set()));
      for (const subfield of fieldsOf(field.selectionSet, fragments)) subfields.add(subfield.name.value);
    }
  };
  for (const connection of info.fieldNodes) {
    for (const field of fieldsOf(connection.selectionSet, fragments)) {
      if (field.name.value === "nodes") addNodes(field.selectionSet);
      if (field.name.value === "edges") for (const edge of fieldsOf(field.selectionSet, fragments)) if (edge.name.value === "node") addNodes(edge.selectionSet);
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

/** The fields selected in `set`, through inline fragments and named fragments (each named fragment once). */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...fieldsOf(selection.selectionSet, fragments, seen));
    else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) fields.push(...fieldsOf(fragment.selectionSet, fragments, seen.add(fragment.name.value)));
    }
  }
  return fields;
}
