import { performance } from "node:perf_hooks";
import WebSocket from "ws";

/**
 * The subscriber side of `npm run bench:subscriptions`, in its own process (forked by the benchmark, IPC channel):
 * raw `graphql-transport-ws` sockets opened in one burst, and the receipt time of every event. Messages:
 * in  { type: "start", url, tokens, query, variables, subscribers, perSocket } | { type: "round", round } | { type: "close" }
 * out { type: "connected", ms } | { type: "round", round, times } | { type: "error", errors }
 */
interface Start {
  type: "start";
  url: string;
  /** One token per socket. */
  tokens: string[];
  query: string;
  variables: Record<string, unknown>;
  subscribers: number;
  perSocket: number;
}
type Command = Start | { type: "round"; round: number } | { type: "close" };

const send = (message: unknown) => process.send!(message);
const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
let round = -1;
let times: number[] = [];
let subscribers = 0;

function start(m: Start): void {
  subscribers = m.subscribers;
  const sockCount = Math.ceil(m.subscribers / m.perSocket);
  const started = performance.now();
  let acknowledged = 0;
  let failed = false;
  const subscribe = JSON.stringify({ type: "subscribe", id: "", payload: { query: m.query, variables: m.variables } });
  for (let s = 0; s < sockCount; s++) {
    const n = Math.min(m.perSocket, m.subscribers - s * m.perSocket);
    const ws = new WebSocket(m.url, "graphql-transport-ws");
    sockets.push(ws);
    ws.on("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${m.tokens[s]}` } })));
    ws.on("message", (data: Buffer) => {
      const at = now();
      const text = data.toString();
      // The hot path: a `next` frame, counted without a full parse unless it carries errors.
      if (text.includes('"type":"next"')) {
        if (text.includes('"errors"')) send({ type: "error", errors: (JSON.parse(text) as { payload: { errors: unknown } }).payload.errors });
        times.push(at);
        if (times.length === subscribers) send({ type: "round", round, times });
        return;
      }
      const message = JSON.parse(text) as { type: string; payload?: unknown };
      if (message.type === "connection_ack") {
        for (let i = 0; i < n; i++) ws.send(subscribe.replace('"id":""', `"id":"${i}"`));
        if (++acknowledged === sockCount) send({ type: "connected", ms: performance.now() - started });
      } else if (message.type === "error") {
        send({ type: "error", errors: message.payload });
      }
    });
    ws.on("error", (e) => {
      if (!failed) send({ type: "error", errors: [String(e)] });
      failed = true;
    });
    ws.on("close", (code) => {
      if (code !== 1000 && code !== 1005 && !failed) send({ type: "error", errors: [`socket closed with ${code}`] });
    });
  }
}

process.on("message", (m: Command) => {
  if (m.type === "start") start(m);
  if (m.type === "round") {
    round = m.round;
    times = [];
  }
  if (m.type === "close") {
    for (const ws of sockets) ws.close(1000);
    setTimeout(() => process.exit(0), 500);
  }
});
process.on("disconnect", () => process.exit(0));
