import type { UserError, UserErrors } from "./user-error";

/**
 * What every service command returns: its value, or the userErrors that refused it. (The caller-fixable
 * outcomes; unauthenticated, forbidden and internal failures are thrown.) `UserErrors` collects a validation's
 * errors; `rejectedBy` turns them into the failure.
 */
export type CommandResult<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

export function succeeded<T>(value: T): CommandResult<T> {
  return { ok: true, value };
}

export function failed(...errors: UserError[]): CommandResult<never> {
  return { ok: false, errors };
}

/** The failure holding every error collected so far (an empty list is not a failure: check `errors.any`). */
export function rejectedBy(errors: UserErrors, ...more: UserError[]): CommandResult<never> {
  return { ok: false, errors: [...errors.list, ...more] };
}

/** A command's value mapped (the GraphQL type of a row), a failure passed on. */
export function mapResult<T, U>(result: CommandResult<T>, map: (value: T) => U): CommandResult<U> {
  return result.ok ? succeeded(map(result.value)) : result;
}

/** The mutation payload `{ <field>: value | null, userErrors }` of a command with one result field. */
export function toPayload<K extends string, T>(field: K, result: CommandResult<T>): Record<K, T | null> & { userErrors: UserError[] } {
  const value = result.ok ? result.value : null;
  return { [field]: value, userErrors: result.ok ? [] : result.errors } as Record<K, T | null> & { userErrors: UserError[] };
}

/**
 * The payload of a command with several result fields (its value holds them): those fields when it succeeded,
 * else `none` (every field null) with its userErrors.
 */
export function toPayloadFields<P extends object>(result: CommandResult<P>, none: { [K in keyof P]: null }): (P | { [K in keyof P]: null }) & { userErrors: UserError[] } {
  return result.ok ? { ...result.value, userErrors: [] } : { ...none, userErrors: result.errors };
}
