// The new order of a pipeline's stages when one is moved (by dragging or by its up/down buttons).

/** The keys with `key` moved to `index` (clamped to the list); unchanged when `key` is absent. */
export function moveKey(keys: readonly string[], key: string, index: number): string[] {
  const from = keys.indexOf(key);
  if (from < 0) return [...keys];
  const rest = keys.filter((k) => k !== key);
  const to = Math.max(0, Math.min(index, rest.length));
  return [...rest.slice(0, to), key, ...rest.slice(to)];
}
