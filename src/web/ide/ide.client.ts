/// <reference lib="dom" />
/**
 * The GraphQL IDE in the browser: GraphiQL (from npm, bundled by src/web/bundle.ts) talking to this server only —
 * queries and mutations over HTTP POST to /graphql, subscriptions over graphql-ws on the same path. The page's
 * settings (the demo token, the example query) come in a JSON data block the server wrote into the page.
 */
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { OperationTypeNode, getOperationAST, parse, type DocumentNode, type ExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import "graphiql/style.css";
import "./ide.css";
import type { IdePageSettings } from "./ide.settings";

type Fetcher = GraphiQLProps["fetcher"];

const settings = JSON.parse(document.getElementById("ide-settings")?.textContent ?? "{}") as IdePageSettings;
const httpUrl = new URL(settings.path, location.href).href;
const wsUrl = httpUrl.replace(/^http/, "ws");

/** The headers editor's values as strings (GraphiQL hands over whatever JSON the user typed). */
function headerStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

function authorizationOf(headers: Record<string, string>): string | undefined {
  return Object.entries(headers).find(([name]) => name.toLowerCase() === "authorization")?.[1];
}

/**
 * One graphql-ws connection per Authorization value: the server checks the token once, in connection_init, so a
 * token edited in the headers editor needs a connection of its own.
 */
const wsClients = new Map<string, Client>();
function wsClientFor(authorization: string | undefined): Client {
  const key = authorization ?? "";
  let client = wsClients.get(key);
  if (!client) {
    client = createClient({ url: wsUrl, lazy: true, retryAttempts: 0, connectionParams: authorization ? { authorization } : {} });
    wsClients.set(key, client);
  }
  return client;
}

function isSubscription(query: string, operationName: string | null | undefined, documentAST: DocumentNode | undefined): boolean {
  try {
    return getOperationAST(documentAST ?? parse(query), operationName ?? undefined)?.operation === OperationTypeNode.SUBSCRIPTION;
  } catch {
    return false; // not parseable: the server answers with the syntax error
  }
}

/** The headers new tabs start with (the demo token in development), parsed. */
const defaultHeaders = headerStrings(settings.defaultHeaders ? (JSON.parse(settings.defaultHeaders) as Record<string, unknown>) : {});

const fetcher: Fetcher = async (params, opts) => {
  // GraphiQL 4 fetches the schema once on mount, before its headers editor exists, so without any headers: that
  // first introspection gets the headers the editor is about to show. (The "re-fetch schema" button sends the
  // editor's own.)
  const beforeEditor = opts?.headers === undefined && params.operationName === "IntrospectionQuery";
  const headers = beforeEditor ? defaultHeaders : headerStrings(opts?.headers);
  if (isSubscription(params.query, params.operationName, opts?.documentAST)) {
    const results = wsClientFor(authorizationOf(headers)).iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables as Record<string, unknown> | undefined,
    });
    // graphiql types results with GraphQLError instances; from the wire they are formatted errors (plain objects),
    // which it shows as JSON all the same.
    return results as unknown as AsyncIterable<ExecutionResult>;
  }
  const response = await fetch(httpUrl, {
    method: "POST",
    headers: { accept: "application/graphql-response+json, application/json", ...headers, "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ExecutionResult;
};

createRoot(document.getElementById("graphiql")!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: settings.defaultQuery,
    defaultHeaders: settings.defaultHeaders,
    // The demo token is written into every new tab by the page; it is never stored in the browser.
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: settings.defaultHeaders ? "headers" : true,
  }),
);
