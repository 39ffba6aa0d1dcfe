import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import type { Page, WebSocketRoute } from "playwright-core";
import { startTestServer, dataOf, type TestServer } from "../support/server";
import { launchBrowser, saveReadmeScreenshot, withScreenshotOnFailure, type TestBrowser } from "../support/browser";
import { hireOnboarded, newPayrollRun, newPaySchedule, newTenant, newWorker, transitionRun, type Tenant } from "../support/factories";
import { eventually } from "../support/wait";
import {
  AddOneOffEarningDocument,
  ApprovePayrollRunDocument,
  CalculatePayrollRunDocument,
  CreatePayrollRunDocument,
  PayrollRunEventsDocument,
  PayrollRunStateDocument,
  SandboxFundPayrollRunDocument,
} from "../generated/graphql";
import { runSandboxRailOnce } from "../../src/modules/remittances/sandbox-rail";
import { DOCUMENT_LIMITS, estimateCosts } from "../../src/armor";
import { STATUS_BOARD_DOCUMENTS } from "../../src/web/status/status.operations";
import { parseGlobalId } from "../../src/shared/global-id";

/**
 * The /status board end to end: a real server (PGlite, or the shared Postgres database with DATABASE_URL) with the
 * sandbox payment rail on (driven by the test, one pass at a time, for its own client only), and Debian's chromium
 * driven by playwright-core. Runs move through the real mutations (calculate, approve, fund) and the production rail;
 * the page is never reloaded. On failure each test leaves a screenshot in test/artifacts/.
 */
let t: TestServer;
let browser: TestBrowser;
let operator: string;
let origin: string;

beforeAll(async () => {
  t = await startTestServer({ sandboxRail: "on", web: { ide: false, devToken: async () => operator } });
  operator = await t.token("OPERATOR");
  origin = new URL(t.url).origin;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** A new page whose waits fail (with a screenshot) well before the test's own timeout. */
async function openPage() {
  const opened = await browser.page();
  opened.page.setDefaultTimeout(10_000);
  return opened;
}

const boardUrl = (clientId?: string) => `${origin}/status${clientId ? `?client=${encodeURIComponent(clientId)}` : ""}`;
const card = (page: Page, runId: string) => page.locator(`article.run[data-run-id="${runId}"]`);
const badgeOf = (page: Page, runId: string) => card(page, runId).locator(".run-status .badge");
const timelineOf = (page: Page, runId: string) =>
  card(page, runId)
    .locator(".timeline li")
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.status));
const waitForStatus = (page: Page, runId: string, status: string) => card(page, runId).locator(`.run-status [data-status="${status}"]`).waitFor({ timeout: 15_000 });
const waitForLive = (page: Page) => page.locator('#connection[data-state="live"]').waitFor({ timeout: 15_000 });

/** Records, in the page, every status the run's badge shows, in order (a MutationObserver on the board). */
async function recordBadges(page: Page, runId: string): Promise<void> {
  await page.evaluate((id) => {
    const seen: string[] = [];
    (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
    const read = () => {
      const badge = [...document.querySelectorAll<HTMLElement>("article.run")].find((a) => a.dataset.runId === id)?.querySelector<HTMLElement>(".run-status .badge");
      const status = badge?.dataset.status;
      if (status && seen[seen.length - 1] !== status) seen.push(status);
    };
    read();
    new MutationObserver(read).observe(document.getElementById("runs")!, { childList: true, subtree: true });
  }, runId);
}
const seenStatuses = (page: Page) => page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);

/** Marks the document: the mark survives only as long as the page is not reloaded. */
const markDocument = (page: Page) => page.evaluate(() => void ((window as unknown as { notReloaded: boolean }).notReloaded = true));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** A client with a US biweekly schedule and one onboarded W-2 employee (with a W-4), and an off-cycle run paying a bonus, CALCULATED without blockers. */
async function calculatedRun(): Promise<{ tenant: Tenant; runId: string; nextPeriodId: string }> {
  const tenant = await newTenant(t, "status-board");
  const schedule = await newPaySchedule(t, tenant.clientId, { periodsAhead: 2 });
  const worker = await newWorker(t, tenant.clientId, { withholding: { w4: { filingStatus: "SINGLE" } } });
  const engagement = await hireOnboarded(t, worker.id, { payScheduleId: schedule.id });
  const created = dataOf(
    await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, kind: "OFF_CYCLE", payPeriodId: schedule.periods.nodes[0].id } }, tenant.token),
  ).createPayrollRun;
  expect(created.userErrors).toEqual([]);
  const runId = created.payrollRun!.id;
  const bonus = { payrollRunId: runId, engagementId: engagement.id, kind: "BONUS" as const, amount: { amount: "1000.00", currency: "USD" as const }, description: "Bonus" };
  expect(dataOf(await t.gql(AddOneOffEarningDocument, { input: bonus }, tenant.token)).addOneOffEarning.userErrors).toEqual([]);
  expect(dataOf(await t.gql(CalculatePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).calculatePayrollRun.userErrors).toEqual([]);
  let status = "";
  await eventually(
    async () => {
      const node = dataOf(await t.gql(PayrollRunStateDocument, { id: runId }, tenant.token)).node;
      status = node?.__typename === "PayrollRun" ? node.status : "";
      return status !== "CALCULATING";
    },
    "the calculation",
    20_000,
    50,
  );
  expect(status).toBe("CALCULATED");
  return { tenant, runId, nextPeriodId: schedule.periods.nodes[1].id };
}

describe("the page", () => {
  it("is served with its own strict CSP, the development token pre-filled, and queries within the API's limits", async () => {
    const res = await fetch(boardUrl());
    expect(res.status).toBe(200);
    const host = new URL(origin).host;
    const csp = res.headers.get("content-security-policy")!;
    for (const directive of ["default-src 'none'", "script-src 'self'", "style-src 'self'", `connect-src 'self' ws://${host} wss://${host}`, "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain(`value="${operator}"`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\sstyle=|<style/); // no inline style

    for (const [path, type] of [
      ["/status/app.js", "text/javascript"],
      ["/status/app.css", "text/css"],
    ]) {
      const asset = await fetch(`${origin}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get("content-type")).toContain(type);
      expect(asset.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect((await asset.text()).length).toBeGreaterThan(100);
    }

    // Every document the page sends is valid and within the cost limit.
    for (const [name, source] of Object.entries(STATUS_BOARD_DOCUMENTS)) {
      const document = parse(source);
      expect(
        validate(t.app.schema, document).map((e) => e.message),
        name,
      ).toEqual([]);
      expect(estimateCosts(t.app.schema, document)[0], name).toBeLessThanOrEqual(DOCUMENT_LIMITS.maxCost / 2);
    }
  });
});

describe("live payroll status", () => {
  it("shows APPROVED → FUNDED → PAYING → PAID in order as the run is approved, funded and paid, without a reload", async () => {
    const { tenant, runId, nextPeriodId } = await calculatedRun();
    const { page, consoleErrors } = await openPage();
    await withScreenshotOnFailure(page, "status-lifecycle", async () => {
      // The development token is pre-filled: the page connects and opens the client named in the URL.
      await page.goto(boardUrl(tenant.clientId));
      await waitForStatus(page, runId, "CALCULATED");
      await waitForLive(page);
      await recordBadges(page, runId);
      await markDocument(page);

      const approved = dataOf(await t.gql(ApprovePayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).approvePayrollRun;
      expect(approved.userErrors).toEqual([]);
      await waitForStatus(page, runId, "APPROVED");
      // The approval scheduled the remittances: they arrive by remittanceStatusChanged.
      await card(page, runId).locator('.remittances tr[data-status="SCHEDULED"]').first().waitFor();

      const funded = dataOf(await t.gql(SandboxFundPayrollRunDocument, { input: { payrollRunId: runId } }, tenant.token)).sandboxFundPayrollRun;
      expect(funded.userErrors).toEqual([]);
      await waitForStatus(page, runId, "FUNDED");

      const now = new Date();
      const submitted = await runSandboxRailOnce(t.database.db, { clientId: tenant.clientDbId, now });
      expect(submitted.submitted).toBeGreaterThan(0);
      await waitForStatus(page, runId, "PAYING");

      const confirmed = await runSandboxRailOnce(t.database.db, { clientId: tenant.clientDbId, now: new Date(now.getTime() + 5_000) });
      expect(confirmed.confirmed).toBe(submitted.submitted);
      await waitForStatus(page, runId, "PAID");

      expect(await seenStatuses(page)).toEqual(["CALCULATED", "APPROVED", "FUNDED", "PAYING", "PAID"]);
      expect((await timelineOf(page, runId)).slice(-4)).toEqual(["APPROVED", "FUNDED", "PAYING", "PAID"]);
      const rows = card(page, runId).locator(".remittances tbody tr");
      await eventually(async () => (await rows.evaluateAll((trs) => trs.every((tr) => (tr as HTMLElement).dataset.status === "CONFIRMED"))) === true, "every remittance CONFIRMED");
      expect(await rows.count()).toBe(submitted.submitted);
      expect(await card(page, runId).locator(".confirmation").first().textContent()).toMatch(/^SBX-[0-9A-F]{32}$/);
      // The summary beside the runs was read again after the events: the approved run's gross is January's cost.
      const january = page.locator('#summary [data-part="payrollCostByMonth"] tbody tr');
      await eventually(async () => (await january.count()) === 1, "the workforce summary's payroll cost refreshed");
      expect(await january.textContent()).toContain("$1,000.00");
      await page.emulateMedia({ reducedMotion: "reduce" }); // no highlight caught mid-animation
      await saveReadmeScreenshot(page, "status");

      // A run created while the page is open comes first.
      const next = dataOf(await t.gql(CreatePayrollRunDocument, { input: { clientId: tenant.clientId, payPeriodId: nextPeriodId } }, tenant.token)).createPayrollRun;
      await waitForStatus(page, next.payrollRun!.id, "DRAFT");
      expect(await page.locator("article.run").evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.runId))).toEqual([next.payrollRun!.id, runId]);

      expect(await stillSameDocument(page)).toBe(true);
      expect(consoleErrors).toEqual([]);
    });
    await page.context().close();
  });

  it("says it is reconnecting after a dropped connection, then resumes after the last event it received and shows what it missed", async () => {
    const tenant = await newTenant(t, "status-board");
    const run = await newPayrollRun(t, tenant);
    for (const [from, to] of [
      ["DRAFT", "CALCULATING"],
      ["CALCULATING", "CALCULATED"],
      ["CALCULATED", "APPROVED"],
    ] as const) {
      await transitionRun(t, run.dbId, from, to);
    }
    const { page, consoleErrors } = await openPage();
    // Every WebSocket of the page goes through this proxy: the test can drop it and refuse reconnections.
    let refuse = false;
    let current: { page: WebSocketRoute; server: WebSocketRoute } | undefined;
    const subscribes: { query: string; variables: Record<string, unknown> }[] = [];
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      if (refuse) return void ws.close({ code: 1013, reason: "Try again later" });
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { type: string; payload?: { query: string; variables: Record<string, unknown> } };
        if (parsed.type === "subscribe") subscribes.push(parsed.payload!);
        server.send(message);
      });
      server.onMessage((message) => ws.send(message));
      current = { page: ws, server };
    });
    await withScreenshotOnFailure(page, "status-reconnect", async () => {
      await page.goto(boardUrl(tenant.clientId));
      await waitForStatus(page, run.id, "APPROVED");
      await waitForLive(page);
      await markDocument(page);
      await transitionRun(t, run.dbId, "APPROVED", "FUNDED", { kind: "SYSTEM", id: "payment-rail" });
      await waitForStatus(page, run.id, "FUNDED");
      const lastSeen = dataOf(await t.gql(PayrollRunEventsDocument, { id: run.id, last: 1 }, tenant.token)).node;
      const fundedCursor = lastSeen?.__typename === "PayrollRun" ? lastSeen.events.edges[0].cursor : "";

      // The connection drops (as when the server restarts) and the next attempts are refused.
      refuse = true;
      subscribes.length = 0;
      await current!.server.close({ code: 1001, reason: "Going away" });
      await current!.page.close({ code: 1001, reason: "Going away" });
      await page.locator('#connection[data-state="reconnecting"]').waitFor({ timeout: 10_000 });
      expect(await page.locator("#connection").textContent()).toMatch(/^Reconnecting…/);

      // Missed while disconnected.
      await transitionRun(t, run.dbId, "FUNDED", "PAYING", { kind: "SYSTEM", id: "payment-rail" });
      await transitionRun(t, run.dbId, "PAYING", "PAID", { kind: "SYSTEM", id: "payment-rail" });
      expect(await badgeOf(page, run.id).getAttribute("data-status")).toBe("FUNDED");

      refuse = false;
      await waitForStatus(page, run.id, "PAID");
      await waitForLive(page);
      const resumed = subscribes.find((s) => s.query.includes("payrollRunStatusChanged"));
      expect(resumed?.variables).toEqual({ clientId: tenant.clientId, after: fundedCursor });
      const timeline = await timelineOf(page, run.id);
      expect(timeline.slice(-3)).toEqual(["FUNDED", "PAYING", "PAID"]);
      expect(new Set(timeline).size).toBe(timeline.length); // nothing twice
      expect(await stillSameDocument(page)).toBe(true);
      expect(consoleErrors.filter((e) => !/WebSocket/i.test(e))).toEqual([]); // the browser logs the refused attempts
    });
    await page.context().close();
  });
});

describe("what the token may read", () => {
  it("shows the API's refusal for a bad token, and nothing of what an earlier token read", async () => {
    const A = await newTenant(t, "status-board");
    const run = await newPayrollRun(t, A);
    const { page } = await openPage();
    await withScreenshotOnFailure(page, "status-tokens", async () => {
      await page.goto(boardUrl(A.clientId));
      await card(page, run.id).waitFor();

      const connectWith = async (token: string) => {
        await page.fill("#token", token);
        await page.click("#token-form button[type=submit]");
      };
      await connectWith("not-a-token");
      await page.locator("#error").getByText("UNAUTHENTICATED").waitFor();
      expect(await page.locator("article.run").count()).toBe(0);
      expect(await page.locator("#client").isDisabled()).toBe(true);

      // A token of the client without payroll:read: the runs are FORBIDDEN, with the API's message.
      await connectWith(await t.token("CLIENT", { clients: [A.clientId], scopes: ["clients:read"] }));
      await page.locator("#error").getByText("FORBIDDEN").waitFor();
      expect(await page.locator("#error").textContent()).toContain("payroll:read");
      expect(await page.locator("article.run").count()).toBe(0);

      // Without remittances:read the runs show, their remittances do not.
      await connectWith(await t.token("CLIENT", { clients: [A.clientId], scopes: ["clients:read", "payroll:read"] }));
      await card(page, run.id).waitFor();
      await card(page, run.id).locator(".remittances .notice").getByText("remittances:read").waitFor();
      await page.locator('#notices [data-notice="remittances"]').getByText("FORBIDDEN").waitFor();

      // Another client's token, the URL still naming A: nothing of A is shown.
      const B = await newTenant(t, "status-board");
      await connectWith(B.token);
      await page.locator("#error").getByText("NOT_FOUND").waitFor();
      expect(await page.locator("article.run").count()).toBe(0);
    });
    await page.context().close();
  });

  it("lists the clients a partner token may act for, and shows the one picked", async () => {
    const A = await newTenant(t, "status-board");
    const B = await newTenant(t, "status-board");
    const runOfB = await newPayrollRun(t, B);
    const partner = await t.token("PARTNER", { clients: [A.clientId, B.clientId] });
    const { page } = await openPage();
    await withScreenshotOnFailure(page, "status-partner", async () => {
      await page.goto(boardUrl());
      await page.fill("#token", partner);
      await page.click("#token-form button[type=submit]");
      await page.locator("#client:not([disabled])").waitFor();
      const options = await page.locator("#client option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      expect(options.sort()).toEqual([A.clientId, B.clientId].sort());
      await page.selectOption("#client", B.clientId);
      await card(page, runOfB.id).waitFor();
      await waitForLive(page);
      expect(new URL(page.url()).searchParams.get("client")).toBe(B.clientId);
    });
    await page.context().close();
  });
});

describe("workforce summary panel", () => {
  it("renders a contract-shaped summary, and a part the token may not read as the API's error (a fake answer shaped like the schema's WorkforceSummary)", async () => {
    const tenant = await newTenant(t, "status-board");
    const usd = (amount: string) => ({ amount, currency: "USD" });
    // The only fake of this file: the answer to the page's summary query; every other request reaches the server.
    const answer = {
      data: {
        workforceSummary: {
          asOf: "2026-11-30",
          headcount: 42,
          byEngagementStatus: [{ key: "ACTIVE", count: 42 }],
          byWorkJurisdiction: [
            { key: "US-CA", count: 30 },
            { key: "CA-ON", count: 12 },
          ],
          byClassification: [{ key: "US_W2_EMPLOYEE", count: 30 }],
          byEmploymentModel: [{ key: "EOR", count: 42 }],
          hiresLast30Days: 3,
          hiresLast90Days: 9,
          terminationsLast30Days: 1,
          terminationsLast90Days: 2,
          upcomingPayDates: [{ payDate: "2026-12-04", paySchedule: { name: "US biweekly" }, runStatus: "APPROVED" }],
          payrollCostByMonth: [{ month: "2026-11", gross: usd("250000.00"), employerTaxes: usd("19125.00"), benefits: usd("8000.00") }],
          openBlockersByCode: [{ key: "MISSING_W4", count: 1 }],
          remittancesDueNext14Days: null,
        },
      },
      errors: [{ message: "Reading Remittance needs the `remittances:read` scope", path: ["workforceSummary", "remittancesDueNext14Days"], extensions: { code: "FORBIDDEN" } }],
    };
    const { page } = await openPage();
    await page.route(/\/graphql$/, async (route) =>
      route.request().postData()?.includes("StatusBoardWorkforceSummary")
        ? route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answer) })
        : route.continue(),
    );
    await withScreenshotOnFailure(page, "status-summary-contract", async () => {
      await page.goto(boardUrl(tenant.clientId));
      await page.locator("#summary dl.headline").waitFor();
      expect(await page.locator("#summary dl.headline dd").allTextContents()).toEqual(["42", "3 / 9", "1 / 2"]);
      expect(await page.locator('#summary [data-part="byWorkJurisdiction"] tbody tr').allTextContents()).toEqual(["US-CA30", "CA-ON12"]);
      expect(await page.locator('#summary [data-part="payrollCostByMonth"] tbody tr').textContent()).toBe("2026-11$250,000.00$19,125.00$8,000.00");
      expect(await page.locator('#summary [data-part="upcomingPayDates"] [data-status="APPROVED"]').count()).toBe(1);
      expect(await page.locator('#summary [data-part="remittancesDueNext14Days"] .notice').textContent()).toContain("`remittances:read`");
    });
    await page.context().close();
  });

  it("shows the API's headcount, and reads the summary again when a run event arrives", async () => {
    const tenant = await newTenant(t, "status-board");
    const run = await newPayrollRun(t, tenant);
    const headcount = async () =>
      dataOf(
        await t.gql<{ workforceSummary: { headcount: number } }, { id: string }>(
          `query ($id: ID!) { workforceSummary(clientId: $id) { headcount } }`,
          { id: tenant.clientId },
          operator,
        ),
      ).workforceSummary.headcount;
    const shown = (page: Page) => page.locator("#summary dl.headline dd").first().textContent();
    const { page } = await openPage();
    await withScreenshotOnFailure(page, "status-summary", async () => {
      await page.goto(boardUrl(tenant.clientId));
      await card(page, run.id).waitFor();
      await waitForLive(page);
      await eventually(async () => (await shown(page)) === String(await headcount()), "the headcount shown");
      const before = await headcount();
      await hireOnboarded(t, (await newWorker(t, tenant.clientId, { withholding: { w4: { filingStatus: "SINGLE" } } })).id);
      expect(await headcount()).toBe(before + 1);
      await transitionRun(t, parseGlobalId(run.id, "PayrollRun")!, "DRAFT", "CALCULATING"); // an event: the panel reads the summary again
      await eventually(async () => (await shown(page)) === String(before + 1), "the new headcount shown", 10_000);
    });
    await page.context().close();
  });
});
