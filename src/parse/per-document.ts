/**
 * Answers kept for the one document being parsed, by object (a table's view,
 * a card's fields), then dropped whole when it is done (`readingDocument`).
 *
 * Not module-wide weak maps: the young-generation collector keeps a weak
 * map's values alive as long as the map lives, so every document's tables,
 * records and fields outlived it until the next full collection — each minor
 * collection copied and promoted them again (about 1 MB a document).
 */
const caches: Map<object, unknown>[] = [];
let open = 0;

export interface DocumentCache<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

/** A cache of answers by object for the document being parsed; outside `readingDocument` nothing is kept. */
export function documentCache<K extends object, V>(): DocumentCache<K, V> {
  const map = new Map<K, V>();
  caches.push(map as Map<object, unknown>);
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (open > 0) map.set(key, value);
    },
  };
}

/** Runs `read` with the document caches kept for its duration, and empties them after. */
export function readingDocument<T>(read: () => T): T {
  open++;
  try {
    return read();
  } finally {
    if (--open === 0) for (const c of caches) c.clear();
  }
}
