import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { ApolloServerPlugin } from "@apollo/server";
import { parse, type GraphQLSchema } from "graphql";
import { PARSE_OPTIONS } from "../armor";
import type { Principal } from "../auth/principal";
import type { IdempotencyError } from "./idempotency.errors";
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER, fingerprintInput, keyApplies, keyOfRequest } from "./idempotency.request";
import type { IdempotencyService, Reservation } from "./idempotency.service";

/**
 * What to do with the key of a request that reached execution: store its answer, or — for a 503
 * SERVICE_UNAVAILABLE (the database became unreachable) — release the key when the answer says nothing was written
 * (`retryable: true`: a retry must execute), or keep the reservation when a write may have committed
 * (`retryable: false`): a retry is answered IDEMPOTENCY_KEY_IN_USE until the lease ends, never run a second time
 * while the first one's outcome is unknown.
 */
function afterExecution(status: number, body: Buffer): "store" | "release" | "keep" {
  if (status !== 503) return "store";
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { errors?: { extensions?: { retryable?: unknown } }[] };
    return parsed.errors?.every((e) => e.extensions?.retryable === true) ? "release" : "keep";
  } catch {
    return "keep";
  }
}

export interface IdempotencyHttp {
  /** After the body parser, before Apollo; reads `res.locals.principal` (set from the Authorization header). */
  middleware: RequestHandler;
  /** Tells the middleware that execution started (Apollo's `executionDidStart`): only then is an answer stored. */
  plugin: ApolloServerPlugin;
}

const isPersistedQueryHash = (extensions: unknown) =>
  extensions !== null && typeof extensions === "object" && typeof (extensions as { persistedQuery?: unknown }).persistedQuery === "object";

function persistedQueryNotFound(res: Response) {
  res.setHeader("Cache-Control", "private, no-cache, must-revalidate");
  res.status(200).json({ errors: [{ message: "PersistedQueryNotFound", extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }] });
}

function refuse(res: Response, error: IdempotencyError) {
  if (error.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(error.retryAfterSeconds));
  res.status(error.httpStatus).json({ errors: [{ message: error.message, extensions: { code: error.code, retryable: error.retryable } }] });
}

/**
 * Idempotency keys over HTTP. A mutation with a key is reserved here, before Apollo; Apollo runs it; its answer is
 * stored when the response ends (before the bytes are sent) if execution started, and the key is released if it
 * did not (parse, validation, auth or rate-limit failures happen before `executionDidStart`). The plugin and the
 * middleware meet on the request body object, which Apollo's Express integration hands over as is.
 */
export function idempotencyHttp(service: IdempotencyService, schema: GraphQLSchema): IdempotencyHttp {
  const executed = new WeakSet<object>();

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async executionDidStart(requestContext) {
          const body = requestContext.request.http?.body;
          if (body !== null && typeof body === "object") executed.add(body);
        },
      };
    },
  };

  const middleware = async (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | undefined;
    if (req.method !== "POST" || body === null || typeof body !== "object" || Array.isArray(body)) return next();
    const found = keyOfRequest(req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()], body.extensions);
    if (found.kind === "none") return next();
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) return next(); // Apollo answers it
    if (typeof body.query !== "string") {
      // An automatic persisted query sent by its hash alone: without the operation text the key cannot be checked
      // (nor the operation known to be a mutation). Answered as Apollo answers an unknown hash, so that the client
      // sends the text along (Apollo Client's persisted-query link does), which the key then covers.
      if (isPersistedQueryHash(body.extensions)) return persistedQueryNotFound(res);
      return next();
    }
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    const variables = body.variables as Record<string, unknown> | null | undefined;
    let document;
    try {
      document = parse(body.query, PARSE_OPTIONS);
    } catch {
      return next(); // Apollo answers the parse error; nothing is reserved
    }
    if (!keyApplies({ schema, document, operationName, variables })) return next();
    if (found.kind === "invalid") return refuse(res, found.error);

    let decision;
    try {
      decision = await service.begin({ principalSub: principal.subject, key: found.key, fingerprintInput: fingerprintInput(body.query, variables, operationName) });
    } catch (error) {
      return next(error);
    }
    switch (decision.kind) {
      case "refuse":
        return refuse(res, decision.error);
      case "replay":
        res.setHeader(REPLAYED_HEADER, "true");
        res.status(decision.status).type("application/json; charset=utf-8").send(Buffer.from(decision.body, "utf8"));
        return;
      case "execute":
        captureAnswer(res, decision.reservation, () => executed.has(body));
        return next();
    }
  };

  function captureAnswer(res: Response, reservation: Reservation, executionStarted: () => boolean) {
    const chunks: Buffer[] = [];
    const toBuffer = (chunk: unknown, encoding?: BufferEncoding) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding ?? "utf8"));
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(toBuffer(chunk, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : undefined));
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((...args: unknown[]) => {
      const [chunk, encoding] = args;
      if (chunk !== undefined && typeof chunk !== "function") chunks.push(toBuffer(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : undefined));
      res.end = end as Response["end"];
      const body = Buffer.concat(chunks);
      const outcome = executionStarted() ? afterExecution(res.statusCode, body) : "release";
      const stored =
        outcome === "store" ? service.complete(reservation, res.statusCode, body.toString("utf8")) : outcome === "release" ? service.release(reservation) : Promise.resolve();
      // The answer is stored before it is sent: a caller that has seen it gets it replayed.
      void stored.finally(() => end(...args));
      return res;
    }) as Response["end"];
  }

  return { middleware: (req, res, next) => void middleware(req, res, next), plugin };
}
