import type { Express, Request, Response, NextFunction } from "express";
import type { WebPagesOptions } from "../web-pages";
import { bundleWebEntry, mountWebBundle, type WebBundleUrls } from "../bundle";
import { pageContentSecurityPolicy } from "../page-csp";
import { EXAMPLE_QUERY, type IdePageSettings } from "./ide.settings";

/** The IDE's script (GraphiQL, React and the graphql-ws client, bundled from npm). */
export const IDE_ENTRY = "ide/ide.client.ts";

/**
 * Builds the IDE's bundle now rather than on the first page view (a second or two of esbuild): `npm start` does it
 * while the database starts. The result is cached for the process; a failed build is retried by the page.
 */
export function warmIdeBundle(): Promise<void> {
  return bundleWebEntry(IDE_ENTRY).then(() => undefined);
}

/** The page's policy: GraphiQL's inlined icons and fonts come as `data:` URLs. */
const contentSecurityPolicy = (req: Request) => pageContentSecurityPolicy(req, ["img-src 'self' data:", "font-src 'self' data:"]);

/** JSON inside a `<script type="application/json">` block: `<` escaped so that no value can close the element. */
const jsonForScriptBlock = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(urls: WebBundleUrls, settings: IdePageSettings): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>EOR graph · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(urls.style)}">
<script type="module" src="${escapeHtml(urls.script)}"></script>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script type="application/json" id="ide-settings">${jsonForScriptBlock(settings)}</script>
</body>
</html>
`;
}

/**
 * Whether a request comes from this machine (the socket's peer is a loopback address). The demo token is for the
 * developer at the machine, as the banner's are: an embedded server opened to the network with HOST=0.0.0.0 does
 * not hand an OPERATOR token to every browser that reaches it.
 */
export function fromThisMachine(remoteAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  const address = remoteAddress.startsWith("::ffff:") ? remoteAddress.slice("::ffff:".length) : remoteAddress;
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** A browser opening /graphql: a GET for HTML (it prefers text/html to JSON) that carries no GraphQL operation. */
function wantsIde(req: Request): boolean {
  return req.query.query === undefined && req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}

/**
 * GraphiQL at GET /graphql for browsers (issue 12, item 1), served by this server with everything it loads: no
 * request leaves the machine. Every other request to /graphql (POST, GET with a query, WebSocket) goes on to the
 * API. Off (the API answers, as to any client) when `options.ide` is false: production without GRAPHQL_IDE=on.
 */
export function mountIde(app: Express, options: WebPagesOptions): void {
  if (!options.ide) return;
  const bundleUrls = mountWebBundle(app, "ide", IDE_ENTRY);
  app.get("/graphql", async (req: Request, res: Response, next: NextFunction) => {
    if (!wantsIde(req)) return next();
    try {
      const devToken = fromThisMachine(req.socket.remoteAddress) ? options.devToken : undefined;
      const [urls, token] = await Promise.all([bundleUrls(), devToken?.()]);
      const settings: IdePageSettings = {
        path: "/graphql",
        defaultQuery: EXAMPLE_QUERY,
        defaultHeaders: token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined,
      };
      res
        .status(200)
        .setHeader("Content-Security-Policy", contentSecurityPolicy(req))
        // The page may carry a token: no cache keeps it.
        .setHeader("Cache-Control", "no-store")
        .setHeader("Vary", "Accept")
        .type("html")
        .send(page(urls, settings));
    } catch (error) {
      next(error);
    }
  });
}
