/**
 * A renamed argument or input field during its deprecation period (README "Versioning"): the caller passes the
 * new name or the old, deprecated one, or both with the same value. graphql-js cannot deprecate a required
 * argument or input field, so a required one becomes two nullable ones and `required` demands one of them.
 */
export type RenamedValue<T> = { value: T; problem?: undefined } | { value?: undefined; problem: string; name: string };

type Named<T> = [name: string, value: T | null | undefined];

/** The value under the new or the old name (null when neither is given); a problem when both disagree. */
export function renamedValue<T>(current: Named<T>, deprecated: Named<T>): RenamedValue<T | null> {
  const [name, value] = current;
  const [oldName, oldValue] = deprecated;
  if (value != null && oldValue != null && !sameValue(value, oldValue)) {
    return { problem: `\`${name}\` and its deprecated name \`${oldName}\` disagree: pass only \`${name}\``, name: oldName };
  }
  return { value: value ?? oldValue ?? null };
}

/** As `renamedValue`, and one of the two names is required. */
export function requiredRenamedValue<T>(current: Named<T>, deprecated: Named<T>): RenamedValue<T> {
  const result = renamedValue(current, deprecated);
  if (result.problem !== undefined) return result;
  if (result.value === null) return { problem: `\`${current[0]}\` is required (\`${deprecated[0]}\` is its deprecated name)`, name: current[0] };
  return { value: result.value };
}

/** Equal scalars, equal instants, or lists with the same members (a list argument is a set: order and repeats do not matter). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set<unknown>(a);
    const right = new Set<unknown>(b);
    return left.size === right.size && [...left].every((x) => right.has(x));
  }
  return a === b;
}
