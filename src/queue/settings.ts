/**
 * The queue's settings and the checks of its command-line values, apart from
 * the Redis and BullMQ clients so that the CLI's parser loads neither.
 */

/** The environment variable `--redis` falls back to. */
export const REDIS_ENV = "PIAO_REDIS_URL";

/** Key prefix of BullMQ's keys (its default); the project's own keys live under the queue's. */
export const PREFIX = "bull";

export const DEFAULT_QUEUE = "piao-extract";
/** A PDF with more pages to OCR than this is spread over page jobs. */
export const DEFAULT_SPLIT_OVER = 8;
/** Pages OCR'd by one page job. */
export const DEFAULT_PAGES_PER_JOB = 2;

/** The URL as shown in messages: a password is never printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

/** Checks the URL's form before any connection: redis://[user:password@]host[:port][/db] or rediss://… */
export function checkRedisUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--redis must be a URL like redis://host:6379 (got '${url}')`;
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") return `--redis must be a redis:// or rediss:// URL (got '${redactUrl(url)}')`;
  if (!u.hostname) return `--redis needs a host (got '${redactUrl(url)}')`;
  const db = u.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d+$/.test(db)) return `--redis: the path names the database by its number (got '${redactUrl(url)}')`;
  return null;
}

/** Queue names: letters, digits, - and _ (BullMQ keys are built from them). */
export function checkQueueName(name: string): string | null {
  return /^[A-Za-z0-9_-]{1,100}$/.test(name) ? null : `--queue must be letters, digits, - or _ (got '${name}')`;
}
