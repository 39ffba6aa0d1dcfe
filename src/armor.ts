import { ApolloArmor } from "@escape.tech/graphql-armor";

/**
 * Limits on a GraphQL document, enforced at validation (before any resolver runs), over HTTP and WebSocket.
 * Documented in the README; raise them only with a reason.
 */
export const DOCUMENT_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 5_000,
} as const;

export function createArmor() {
  return new ApolloArmor({
    maxDepth: { n: DOCUMENT_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: DOCUMENT_LIMITS.maxAliases },
    maxTokens: { n: DOCUMENT_LIMITS.maxTokens },
    maxDirectives: { n: DOCUMENT_LIMITS.maxDirectives },
    costLimit: { maxCost: DOCUMENT_LIMITS.maxCost, ignoreIntrospection: true, flattenFragments: true },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
