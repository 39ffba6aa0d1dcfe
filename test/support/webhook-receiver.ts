import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A webhook as a receiver saw it. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  envelope: { id: string; type: string; occurredAt: string; cursor: string; clientId: string; data: Record<string, unknown> };
  /** The status the receiver answered (null: it never answered). */
  answered: number | null;
}

/** What to answer the n-th request (0-based): a status, or "hang" (never answer). */
export type Responder = (webhook: ReceivedWebhook, n: number) => number | "hang";

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request, answers what `respond` says, and can
 * go down (connections refused) and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: Responder = () => 200;
  private server: Server | null = null;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** Requests of one event (by `webhook-id`), in arrival order. */
  of(id: string): ReceivedWebhook[] {
    return this.received.filter((w) => w.envelope.id === id);
  }

  /** Requests answered 2xx. */
  get delivered(): ReceivedWebhook[] {
    return this.received.filter((w) => w.answered !== null && w.answered >= 200 && w.answered < 300);
  }

  async start(port = this.port): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Goes down: the port refuses connections until `start()` again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const webhook: ReceivedWebhook = { headers, body, envelope: JSON.parse(body) as ReceivedWebhook["envelope"], answered: null };
    const answer = this.respond(webhook, this.received.length);
    this.received.push(webhook);
    if (answer === "hang") return;
    webhook.answered = answer;
    res.writeHead(answer, { "content-type": "text/plain" }).end("ok");
  }
}
