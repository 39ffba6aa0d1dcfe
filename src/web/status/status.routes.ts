import type { Express, NextFunction, Request, Response } from "express";
import type { WebPagesOptions } from "../web-pages";
import { bundleWebEntry } from "../bundle";
import { pageContentSecurityPolicy } from "../page-csp";
import { STATUS_ICON_SVG, statusPageHtml } from "./status.page";

/** The board's script (plain DOM code and the graphql-ws client, bundled from npm by esbuild). */
export const STATUS_ENTRY = "status/status.client.ts";

/** Where the page's files are served. */
export const STATUS_PATHS = { page: "/status", script: "/status/app.js", style: "/status/app.css", icon: "/status/icon.svg" } as const;

/** The board's policy: its icon from this origin, and no string ever turned into markup (the script builds the DOM with text nodes only). */
export const statusContentSecurityPolicy = (req: Request) => pageContentSecurityPolicy(req, ["img-src 'self'", "require-trusted-types-for 'script'"]);

/**
 * The live payroll status board at /status (issue 12, item 2): a static page, its script and style sheet (built in
 * memory by esbuild on first use), each answered with the board's CSP. The page holds no data: the script reads
 * everything from /graphql with the token the user gives it. In embedded development mode the token field is
 * pre-filled with the demo OPERATOR token (`options.devToken`), and the page is then never cached.
 */
export function mountStatusBoard(app: Express, options: WebPagesOptions): void {
  const send = (res: Response, req: Request, type: string, body: string, cache: string) =>
    void res.status(200).setHeader("Content-Security-Policy", statusContentSecurityPolicy(req)).setHeader("Cache-Control", cache).type(type).send(body);

  app.get(STATUS_PATHS.page, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const devToken = await options.devToken?.();
      const html = statusPageHtml({ devToken, script: STATUS_PATHS.script, style: STATUS_PATHS.style, icon: STATUS_PATHS.icon });
      // The page may carry a token: never stored by a cache.
      send(res, req, "html", html, "no-store");
    } catch (error) {
      next(error);
    }
  });
  // The bundle changes only with a new server build: revalidated by ETag (Express sets it) on each load.
  for (const [path, ext] of [
    [STATUS_PATHS.script, "js"],
    [STATUS_PATHS.style, "css"],
  ] as const) {
    app.get(path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const bundle = await bundleWebEntry(STATUS_ENTRY);
        send(res, req, ext === "js" ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8", bundle[ext], "no-cache");
      } catch (error) {
        next(error);
      }
    });
  }
  app.get(STATUS_PATHS.icon, (req: Request, res: Response) => send(res, req, "image/svg+xml", STATUS_ICON_SVG, "public, max-age=86400"));
}
