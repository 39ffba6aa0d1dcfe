import { buildSchema, findBreakingChanges, findDangerousChanges, type BreakingChange, type DangerousChange } from "graphql";

/**
 * One schema change, named so that schema/CHANGELOG.md can list it: the graphql-js change kind
 * (`FIELD_REMOVED`, `ARG_CHANGED_KIND`, …) and the schema coordinate it touches.
 */
export interface SchemaChange {
  kind: string;
  /** `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`, `Union.Member`, `@directive`, `@directive(arg:)`. */
  coordinate: string;
  description: string;
}

export interface SchemaComparison {
  /** Breaking changes the CHANGELOG lists: allowed. */
  listed: SchemaChange[];
  /** Breaking changes the CHANGELOG does not list: the check fails. */
  unlisted: SchemaChange[];
  /** Changes that may surprise a client (a new enum value, an argument made optional…): printed, never failing. */
  dangerous: SchemaChange[];
}

const NAME = "([_A-Za-z][_0-9A-Za-z]*)";

/**
 * graphql-js gives a change's kind and an English sentence; the coordinate is read from the sentence, one pattern
 * per kind (graphql 16's wording). An unknown wording falls back to the whole sentence, which then has to be listed
 * verbatim — stricter, never looser.
 */
const COORDINATES: Record<string, [RegExp, (m: RegExpMatchArray) => string]> = {
  TYPE_REMOVED: [new RegExp(`^(?:Standard scalar )?${NAME} was removed`), (m) => m[1]],
  TYPE_CHANGED_KIND: [new RegExp(`^${NAME} changed from`), (m) => m[1]],
  TYPE_REMOVED_FROM_UNION: [new RegExp(`^${NAME} was removed from union type ${NAME}`), (m) => `${m[2]}.${m[1]}`],
  TYPE_ADDED_TO_UNION: [new RegExp(`^${NAME} was added to union type ${NAME}`), (m) => `${m[2]}.${m[1]}`],
  VALUE_REMOVED_FROM_ENUM: [new RegExp(`^${NAME} was removed from enum type ${NAME}`), (m) => `${m[2]}.${m[1]}`],
  VALUE_ADDED_TO_ENUM: [new RegExp(`^${NAME} was added to enum type ${NAME}`), (m) => `${m[2]}.${m[1]}`],
  REQUIRED_INPUT_FIELD_ADDED: [new RegExp(`field ${NAME} on input type ${NAME} was added`), (m) => `${m[2]}.${m[1]}`],
  OPTIONAL_INPUT_FIELD_ADDED: [new RegExp(`field ${NAME} on input type ${NAME} was added`), (m) => `${m[2]}.${m[1]}`],
  IMPLEMENTED_INTERFACE_REMOVED: [new RegExp(`^${NAME} no longer implements interface ${NAME}`), (m) => m[1]],
  IMPLEMENTED_INTERFACE_ADDED: [new RegExp(`^${NAME} added to interfaces implemented by ${NAME}`), (m) => m[2]],
  FIELD_REMOVED: [new RegExp(`^${NAME}\\.${NAME} was removed`), (m) => `${m[1]}.${m[2]}`],
  FIELD_CHANGED_KIND: [new RegExp(`^${NAME}\\.${NAME} changed type`), (m) => `${m[1]}.${m[2]}`],
  REQUIRED_ARG_ADDED: [new RegExp(`arg ${NAME} on ${NAME}\\.${NAME} was added`), (m) => `${m[2]}.${m[3]}(${m[1]}:)`],
  OPTIONAL_ARG_ADDED: [new RegExp(`arg ${NAME} on ${NAME}\\.${NAME} was added`), (m) => `${m[2]}.${m[3]}(${m[1]}:)`],
  ARG_REMOVED: [new RegExp(`^${NAME}\\.${NAME} arg ${NAME} `), (m) => `${m[1]}.${m[2]}(${m[3]}:)`],
  ARG_CHANGED_KIND: [new RegExp(`^${NAME}\\.${NAME} arg ${NAME} `), (m) => `${m[1]}.${m[2]}(${m[3]}:)`],
  ARG_DEFAULT_VALUE_CHANGE: [new RegExp(`^${NAME}\\.${NAME} arg ${NAME} `), (m) => `${m[1]}.${m[2]}(${m[3]}:)`],
  DIRECTIVE_REMOVED: [new RegExp(`^${NAME} was removed`), (m) => `@${m[1]}`],
  DIRECTIVE_ARG_REMOVED: [new RegExp(`^${NAME} was removed from ${NAME}`), (m) => `@${m[2]}(${m[1]}:)`],
  REQUIRED_DIRECTIVE_ARG_ADDED: [new RegExp(`arg ${NAME} on directive ${NAME} was added`), (m) => `@${m[2]}(${m[1]}:)`],
  DIRECTIVE_REPEATABLE_REMOVED: [new RegExp(`from ${NAME}\\.$`), (m) => `@${m[1]}`],
  DIRECTIVE_LOCATION_REMOVED: [new RegExp(`^${NAME} was removed from ${NAME}`), (m) => `@${m[2]}`],
};

export function toSchemaChange(change: BreakingChange | DangerousChange): SchemaChange {
  const rule = COORDINATES[change.type];
  const match = rule ? change.description.match(rule[0]) : null;
  return { kind: change.type, coordinate: match && rule ? rule[1](match) : change.description, description: change.description };
}

/**
 * The breaking changes schema/CHANGELOG.md announces. One list item per change, anywhere in the file:
 *
 *     - `FIELD_CHANGED_KIND` `Remittance.kind`: why, and what to use instead
 *
 * that is, a dash, the change kind in backticks, the coordinate in backticks, then free text. Other lines are prose.
 */
export function listedChanges(changelog: string): Set<string> {
  const listed = new Set<string>();
  for (const line of changelog.split("\n")) {
    const match = line.match(/^\s*[-*] `([A-Z_]+)` `([^`]+)`/);
    if (match) listed.add(changeKey({ kind: match[1], coordinate: match[2] }));
  }
  return listed;
}

function changeKey(change: Pick<SchemaChange, "kind" | "coordinate">): string {
  return `${change.kind} ${change.coordinate}`;
}

/** Compares two SDL texts: which breaking changes the CHANGELOG lists, which it does not, and the dangerous ones. */
export function compareSchemas(oldSdl: string, newSdl: string, changelog: string): SchemaComparison {
  const before = buildSchema(oldSdl);
  const after = buildSchema(newSdl);
  const listed = listedChanges(changelog);
  const breaking = findBreakingChanges(before, after).map(toSchemaChange);
  return {
    listed: breaking.filter((c) => listed.has(changeKey(c))),
    unlisted: breaking.filter((c) => !listed.has(changeKey(c))),
    dangerous: findDangerousChanges(before, after).map(toSchemaChange),
  };
}

/** The line to paste into the CHANGELOG for a change (the reason is the author's to write). */
export function changelogLine(change: SchemaChange): string {
  return `- \`${change.kind}\` \`${change.coordinate}\`: ${change.description}`;
}
