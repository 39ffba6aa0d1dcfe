/** What the IDE page tells its script (a JSON data block in the page: no inline script, CSP `script-src 'self'`). */
export interface IdePageSettings {
  /** The GraphQL path on the page's own origin: HTTP POST for queries and mutations, graphql-ws for subscriptions. */
  path: string;
  /** The first tab's operation when the browser has no tabs stored. */
  defaultQuery: string;
  /**
   * The headers editor's JSON for new tabs: the demo OPERATOR token in embedded development mode, to a browser on
   * this machine; else absent.
   */
  defaultHeaders?: string;
}

/** The first tab: a query every OPERATOR can run on the demo data, and where to go next. */
export const EXAMPLE_QUERY = `# The EOR integration graph. Run: ▶ or Ctrl-Enter.
# Docs: the book icon (left); search: Ctrl-K.
# Your token goes in Headers (below):
#   { "Authorization": "Bearer <token>" }
# Subscriptions run here too, over graphql-ws:
#   subscription {
#     payrollRunStatusChanged(clientId: "…") {
#       status payrollRun { id }
#     }
#   }
query Clients {
  clients(first: 5) {
    totalCount
    nodes {
      id
      name
      legalEntityJurisdictions
    }
  }
}
`;
