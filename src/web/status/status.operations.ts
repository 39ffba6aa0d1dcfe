/**
 * The GraphQL documents of the /status board: what the page asks the API, over HTTP (the lists) and graphql-ws (the
 * live events). Plain strings, so that the browser bundle carries no GraphQL parser; the browser test checks that
 * each one validates against the schema and stays within the cost limit (src/armor.ts).
 *
 * The board asks for no personal data: no worker names (a NET_PAY remittance's payee), no tax ids.
 */

/** One run as a card shows it; the same selection in the list and in each live event, so an event replaces the card. */
const RUN_FIELDS = `
  id
  kind
  status
  payDate
  currency
  createdAt
  failureReason
  totals {
    gross { amount currency }
    net { amount currency }
    employeeTaxes { amount currency }
    employerTaxes { amount currency }
    statementCount
  }
  blockers(first: 1) { totalCount }`;

/** One remittance as a row shows it. */
const REMITTANCE_FIELDS = `
  id
  kind
  status
  taxAuthority
  amount { amount currency }
  dueOn
  confirmationNumber
  failureReason
  settledAt`;

/** Runs per board (the newest), remittances per run and timeline entries per run listed at load. */
export const BOARD_LIMITS = { runs: 10, remittancesPerRun: 15, timelinePerRun: 12 } as const;

/** Who the token is, and the clients it may act for (pages of 100: the page asks for the next while there is one). */
export const VIEWER_QUERY = `query StatusBoardViewer($after: String) {
  viewer { kind subject }
  clients(first: 100, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } }
}`;

/**
 * The position of the client's latest event, read BEFORE the runs: the subscriptions start after it, so that every
 * change committed after this point reaches the board (changes the runs query already shows come again and are
 * recognised by their cursor).
 */
export const LATEST_EVENT_QUERY = `query StatusBoardLatestEvent($clientId: ID!) {
  events(clientId: $clientId, last: 1) { edges { cursor } }
}`;

/** The newest runs of a client, each with its remittances and the latest entries of its timeline. */
export const RUNS_QUERY = `query StatusBoardRuns($clientId: ID!) {
  client: node(id: $clientId) { id ... on Client { name } }
  payrollRuns(clientId: $clientId, last: ${BOARD_LIMITS.runs}) {
    totalCount
    nodes {
      ${RUN_FIELDS}
      events(last: ${BOARD_LIMITS.timelinePerRun}) {
        pageInfo { hasPreviousPage }
        edges { cursor node { status previousStatus occurredAt actor { kind id } } }
      }
      remittances(first: ${BOARD_LIMITS.remittancesPerRun}) { totalCount nodes { ${REMITTANCE_FIELDS} } }
    }
  }
}`;

/** Every status change of the client's runs (creations included), resumed after `after`. */
export const RUN_EVENTS_SUBSCRIPTION = `subscription StatusBoardRunEvents($clientId: ID!, $after: String) {
  payrollRunStatusChanged(clientId: $clientId, after: $after) {
    cursor
    status
    previousStatus
    occurredAt
    actor { kind id }
    payrollRun { ${RUN_FIELDS} }
  }
}`;

/** Every status change of the client's remittances (creations included), resumed after `after`. */
export const REMITTANCE_EVENTS_SUBSCRIPTION = `subscription StatusBoardRemittanceEvents($clientId: ID!, $after: String) {
  remittanceStatusChanged(clientId: $clientId, after: $after) {
    cursor
    status
    previousStatus
    remittance { ${REMITTANCE_FIELDS} payrollRun { id } }
  }
}`;

/**
 * The workforce summary (issue 12 item 3, /work contract `workforceSummary`), asked separately: a server without the
 * field answers it with a validation error, and the runs must not depend on it.
 */
export const WORKFORCE_SUMMARY_QUERY = `query StatusBoardWorkforceSummary($clientId: ID!) {
  workforceSummary(clientId: $clientId) {
    asOf
    headcount
    byEngagementStatus { key count }
    byWorkJurisdiction { key count }
    byClassification { key count }
    byEmploymentModel { key count }
    hiresLast30Days
    hiresLast90Days
    terminationsLast30Days
    terminationsLast90Days
    upcomingPayDates { payDate paySchedule { name } runStatus }
    payrollCostByMonth { month gross { amount currency } employerTaxes { amount currency } benefits { amount currency } }
    openBlockersByCode { key count }
    remittancesDueNext14Days { authority count amount { amount currency } earliestDueOn }
  }
}`;

/** Every document the page sends (for the test that validates them against the schema). */
export const STATUS_BOARD_DOCUMENTS = {
  VIEWER_QUERY,
  LATEST_EVENT_QUERY,
  RUNS_QUERY,
  RUN_EVENTS_SUBSCRIPTION,
  REMITTANCE_EVENTS_SUBSCRIPTION,
  WORKFORCE_SUMMARY_QUERY,
} as const;
