import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkInterfaces } from "node:os";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Page } from "playwright-core";
import { launchBrowser, saveReadmeScreenshot, withScreenshotOnFailure, type TestBrowser } from "../support/browser";
import { startNode, startTestServer, type TestServer } from "../support/server";
import type { RunningServer } from "../../src/server";
import type { WebPagesOptions } from "../../src/web/web-pages";
import { fromThisMachine, mountIde, warmIdeBundle } from "../../src/web/ide/ide.routes";
import { newTenant } from "../support/factories";
import { eventually } from "../support/wait";

/**
 * The GraphQL IDE (src/web/ide/) in Debian's headless chromium against real servers: GraphiQL served by the server
 * at GET /graphql, with everything it loads; queries over HTTP, subscriptions over graphql-ws, docs from
 * introspection. Nothing is faked: the page's requests go to the server, the server runs the operations.
 *
 * `dev` is a development server whose IDE carries an OPERATOR token (as `npm start` in embedded mode); `prodIde` a
 * production node with GRAPHQL_IDE=on (no token); `prod` a production node without it (no IDE).
 */
let dev: TestServer;
let prodIde: RunningServer;
let prod: RunningServer;
const stops: (() => Promise<void>)[] = [];
let browser: TestBrowser;
let operatorToken: string;

beforeAll(async () => {
  // esbuild builds the IDE's bundle in its own process meanwhile.
  [dev, browser] = await Promise.all([startTestServer({ web: { ide: true, devToken: async () => operatorToken } }), launchBrowser(), warmIdeBundle()]);
  operatorToken = await dev.token("OPERATOR");
  // The production nodes share the development server's database (no second copy to load).
  const node = async (web?: WebPagesOptions) => {
    const { app, server } = await startNode(dev.database, { nodeEnv: "production", introspection: false, web });
    stops.push(() => app.stop());
    return server;
  };
  prodIde = await node({ ide: true });
  prod = await node(); // the server's default in production: no IDE
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(stops.map((stop) => stop()));
  await dev?.stop();
});

const origin = (t: { url: string }) => new URL(t.url).origin;
const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/** The text of one of GraphiQL's CodeMirror editors (the headers editor is the last of the editor tools, after the variables). */
function editorText(page: Page, editor: "query" | "headers" | "response"): Promise<string> {
  const selector = { query: ".graphiql-query-editor .CodeMirror", headers: ".graphiql-editor-tool .CodeMirror", response: ".graphiql-response .CodeMirror" }[editor];
  return page.$$eval(selector, (els) => (els.at(-1) as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

/** Replaces the query editor's text with one named operation, and waits until GraphiQL took its name in. */
async function setOperation(page: Page, name: string, text: string): Promise<void> {
  await page.$eval(".graphiql-query-editor .CodeMirror", (el, value) => (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value), text);
  await page.locator(".graphiql-tab-active", { hasText: name }).waitFor();
}

/** Opens the IDE of `t` in a fresh page; records every URL the page requests (HTTP and WebSocket). */
async function openIde(t: { url: string }) {
  const { page, consoleErrors } = await browser.page();
  const requested: string[] = [];
  page.on("request", (request) => void requested.push(request.url()));
  page.on("websocket", (ws) => void requested.push(ws.url()));
  await withScreenshotOnFailure(page, "ide-open", async () => {
    await page.goto(t.url);
    await page.waitForSelector(".graphiql-query-editor .CodeMirror");
  });
  return { page, consoleErrors, requested };
}

/** The JSON in the response editor once it parses and `ready` holds for it. */
async function responseJson(page: Page, ready: (json: { data?: unknown; errors?: unknown }) => boolean) {
  let json: { data?: unknown; errors?: unknown } = {};
  await eventually(async () => {
    try {
      json = JSON.parse(await editorText(page, "response")) as typeof json;
    } catch {
      return false;
    }
    return ready(json);
  }, "the IDE to show the result");
  return json;
}

describe("GraphQL IDE in development", () => {
  it("serves GraphiQL at /graphql with the OPERATOR token in the headers, runs the example query, loads nothing from elsewhere", async () => {
    const { page, consoleErrors, requested } = await openIde(dev);
    await withScreenshotOnFailure(page, "ide-query", async () => {
      expect(JSON.parse(await editorText(page, "headers"))).toEqual({ Authorization: `Bearer ${operatorToken}` });
      expect(await editorText(page, "query")).toContain("clients(first: 5)");

      await page.click(".graphiql-execute-button");
      const result = await responseJson(page, (json) => json.data !== undefined);
      expect(result.errors).toBeUndefined();
      const clients = (result.data as { clients: { totalCount: number; nodes: { name: string }[] } }).clients;
      expect(clients.totalCount).toBeGreaterThanOrEqual(3);
      expect(clients.nodes.length).toBeGreaterThan(0);
      await saveReadmeScreenshot(page, "ide");

      // The page itself, its script and style, the schema's introspection and the query: all on the server's origin.
      const network = requested.filter((url) => !url.startsWith("data:"));
      expect(network.length).toBeGreaterThanOrEqual(4);
      expect(network.filter((url) => new URL(url).origin !== origin(dev))).toEqual([]);
      expect(network).toEqual(expect.arrayContaining([dev.url, expect.stringMatching(/\/web\/ide-[0-9a-f]{16}\.js$/), expect.stringMatching(/\/web\/ide-[0-9a-f]{16}\.css$/)]));
      expect(consoleErrors).toEqual([]);
    });
    await page.context().close();
  });

  it("opens the docs explorer on the schema (introspection) and finds a type by search", async () => {
    const { page, consoleErrors } = await openIde(dev);
    await withScreenshotOnFailure(page, "ide-docs", async () => {
      await page.click('button[aria-label="Show Documentation Explorer"]');
      const explorer = page.locator(".graphiql-doc-explorer");
      await explorer.getByText("Query", { exact: true }).click();
      await explorer.getByText("clients", { exact: true }).first().waitFor();

      // Search (the schema's types and fields), then the type found: an enum with its values and their descriptions.
      await explorer.locator(".graphiql-doc-explorer-search input").fill("PayrollRunStatus");
      await page.getByRole("option", { name: "PayrollRunStatus", exact: true }).click();
      await explorer.locator(".graphiql-doc-explorer-title", { hasText: "PayrollRunStatus" }).waitFor();
      await explorer.getByText("CALCULATED", { exact: true }).waitFor();
      await saveReadmeScreenshot(page, "ide-docs");
      expect(consoleErrors).toEqual([]);
    });
    await page.context().close();
  });

  it("runs a subscription over graphql-ws on the same origin and shows its live event", async () => {
    const tenant = await newTenant(dev, "ide-live");
    const { page, consoleErrors, requested } = await openIde(dev);
    await withScreenshotOnFailure(page, "ide-subscription", async () => {
      await setOperation(page, "Live", `subscription Live { payrollRunStatusChanged(clientId: "${tenant.clientId}") { status payrollRun { id } } }`);
      const sinks = dev.server.notifier.size.sinks;
      await page.click(".graphiql-execute-button");
      await eventually(() => dev.server.notifier.size.sinks > sinks, "the IDE's subscription to attach");

      const created = await dev.gql(
        `mutation ($input: CreatePayrollRunInput!) { createPayrollRun(input: $input) { payrollRun { id } userErrors { code } } }`,
        { input: { clientId: tenant.clientId, kind: "OFF_CYCLE", country: "US", payDate: "2026-03-13" } },
        tenant.token,
      );
      const runId = (created.data as { createPayrollRun: { payrollRun: { id: string } } }).createPayrollRun.payrollRun.id;
      const event = await responseJson(page, (json) => json.data !== undefined);
      expect(event).toEqual({ data: { payrollRunStatusChanged: { status: "DRAFT", payrollRun: { id: runId } } } });
      expect(requested).toContain(dev.wsUrl.replace("localhost", "127.0.0.1"));
      expect(requested.filter((url) => !url.startsWith("data:") && new URL(url).host !== new URL(dev.url).host)).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
    await page.context().close();
  });

  it("sets its own strict CSP on the page (scripts and styles from the origin, connections to it) and cacheable hashed bundles", async () => {
    const page = await fetch(dev.url, { headers: { accept: HTML } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const host = new URL(dev.url).host;
    expect(page.headers.get("content-security-policy")).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws://${host} wss://${host}; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    const script = /src="(\/web\/ide-[0-9a-f]{16}\.js)"/.exec(html)![1];
    const bundle = await fetch(`${origin(dev)}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(bundle.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await fetch(`${origin(dev)}/web/ide-0000000000000000.js`)).status).toBe(404);

    // API clients asking for JSON still get the API.
    const api = await fetch(dev.url, { headers: { accept: "application/json" } });
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

/** An address of this machine that is not loopback (the IDE's demo token is for loopback requests only). */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

describe("the demo token", () => {
  it("is only for requests from this machine (an embedded server opened with HOST=0.0.0.0 does not hand it out)", () => {
    for (const local of ["127.0.0.1", "127.4.5.6", "::1", "::ffff:127.0.0.1"]) expect(fromThisMachine(local), local).toBe(true);
    for (const remote of ["10.0.0.7", "192.0.2.2", "::ffff:10.0.0.7", "fd00::2", "128.0.0.1", undefined]) expect(fromThisMachine(remote), remote).toBe(false);
  });

  it.runIf(networkAddress !== undefined)("is in the page served to 127.0.0.1, not in the one served over the network", async () => {
    const app = express();
    mountIde(app, { ide: true, devToken: async () => operatorToken });
    const server = app.listen(0, "0.0.0.0");
    await new Promise((resolve) => server.once("listening", resolve));
    const settingsVia = async (host: string) => {
      const html = await (await fetch(`http://${host}:${(server.address() as AddressInfo).port}/graphql`, { headers: { accept: HTML } })).text();
      return JSON.parse(/<script type="application\/json" id="ide-settings">(.*?)<\/script>/s.exec(html)![1]) as { defaultHeaders?: string };
    };
    try {
      expect(JSON.parse((await settingsVia("127.0.0.1")).defaultHeaders!)).toEqual({ Authorization: `Bearer ${operatorToken}` });
      expect((await settingsVia(networkAddress!)).defaultHeaders).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("GraphQL IDE in production", () => {
  it("is off without GRAPHQL_IDE: a browser opening /graphql gets the API's JSON answer and its strict CSP", async () => {
    const res = await fetch(prod.url, { headers: { accept: HTML } });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    expect(await res.text()).not.toMatch(/graphiql/i);
  });

  it("with GRAPHQL_IDE=on serves the IDE without any token", async () => {
    const html = await (await fetch(prodIde.url, { headers: { accept: HTML } })).text();
    expect(html).toContain('id="graphiql"');
    const settings = JSON.parse(/<script type="application\/json" id="ide-settings">(.*?)<\/script>/s.exec(html)![1]) as Record<string, unknown>;
    expect(settings.defaultHeaders).toBeUndefined();
    expect(html).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT anywhere in the page

    const { page, requested } = await openIde(prodIde);
    await withScreenshotOnFailure(page, "ide-production", async () => {
      expect((await editorText(page, "headers")).trim()).toBe("");
      expect(requested.filter((url) => !url.startsWith("data:") && new URL(url).origin !== origin(prodIde))).toEqual([]);
    });
    await page.context().close();
  });
});
