/**
 * Connections to the Redis of a cluster. ioredis (and BullMQ over it) retry
 * a lost connection forever by default: a command given a wrong URL would
 * wait for ever. Here every connection is first made with bounded retries and
 * a connect timeout, so an unreachable server is an error naming the URL
 * within a few seconds; only a worker, once connected, rides out a restart of
 * the server (see `watchRedis`).
 */
import { Redis, type RedisOptions } from "ioredis";
import { redactUrl } from "./settings.js";

export { PREFIX, REDIS_ENV } from "./settings.js";

/** How long one attempt to connect may take, and how many attempts are made. */
const CONNECT_TIMEOUT_MS = 3000;
const CONNECT_ATTEMPTS = 2;

export class RedisUnreachable extends Error {
  constructor(
    readonly url: string,
    cause: string,
  ) {
    super(`cannot reach Redis at ${redactUrl(url)}: ${cause}`);
    this.name = "RedisUnreachable";
  }
}

/**
 * A connected client. `lasting`: for a worker's BullMQ connections, which
 * must keep retrying after a blip (and may block: BullMQ wants
 * maxRetriesPerRequest null); the first connection is still bounded.
 */
export async function connectRedis(url: string, lasting = false): Promise<Redis> {
  const bounded: RedisOptions = {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: lasting ? null : 1,
    // null ends the retries: the pending commands fail and the error reaches the caller.
    retryStrategy: (times) => (times >= CONNECT_ATTEMPTS ? null : 300 * times),
    enableOfflineQueue: true,
  };
  const client = new Redis(url, bounded);
  // An unhandled "error" event would print a stack per retry; the failure is reported by connect().
  let last = "";
  const onError = (e: Error) => {
    last = describe(e);
  };
  client.on("error", onError);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw new RedisUnreachable(url, last || describe(e as Error));
  }
  if (lasting) {
    // From now on a lost connection is retried for as long as it takes (watchRedis bounds the wait).
    client.options.retryStrategy = (times) => Math.min(1000 * times, 5000);
  }
  return client;
}

function describe(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  const msg = e.message.replace(/^connect\s+/, "");
  return code && !msg.includes(code) ? `${code} ${msg}` : msg;
}

/**
 * Calls `lost` once Redis has not answered for `limitMs` (a worker cannot
 * hand in results without it: it stops rather than wait for ever). Pings on a
 * connection of its own that never queues a command while disconnected.
 * Returns the function that stops watching.
 */
export function watchRedis(url: string, limitMs: number, lost: (why: string) => void): () => void {
  const client = new Redis(url, { connectTimeout: CONNECT_TIMEOUT_MS, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 1000 });
  client.on("error", () => undefined);
  let okAt = Date.now();
  let busy = false;
  const timer = setInterval(
    () => {
      if (busy) return;
      busy = true;
      client
        .ping()
        .then(
          () => {
            okAt = Date.now();
          },
          (e: Error) => {
            if (Date.now() - okAt < limitMs) return;
            stop();
            lost(describe(e));
          },
        )
        .finally(() => {
          busy = false;
        });
    },
    Math.min(2000, limitMs / 4),
  );
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    client.disconnect();
  };
  return stop;
}
