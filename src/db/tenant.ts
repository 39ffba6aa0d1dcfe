import { inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { TenantScope } from "../auth/principal";

/**
 * The tenant condition every repository query carries: `client_id IN (caller's clients)`, nothing for an
 * OPERATOR, and `false` for a caller with no clients.
 */
export function tenantFilter(clientIdColumn: PgColumn, scope: TenantScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.clientIds.length === 0) return sql`false`;
  return inArray(clientIdColumn, scope.clientIds);
}
