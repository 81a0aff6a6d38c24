/**
 * A bounded string-keyed memo. Labels, dates and short values recur thousands
 * of times in a batch; the bound keeps a long run's memory flat (the map is
 * simply dropped when full — recomputing is cheap, tracking recency is not).
 *
 * `make` is given the key: callers pass a function made once (`classes(t,
 * computeClass)`), not a closure over the key, which would be allocated on
 * every look-up, hits included.
 */
export function memo<T>(max = 50_000): (key: string, make: (key: string) => T) => T {
  const cache = new Map<string, T>();
  return (key, make) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const v = make(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, v);
    return v;
  };
}
