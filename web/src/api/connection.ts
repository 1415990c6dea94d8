// Whether the live connection (the WebSocket carrying subscriptions) is up, for the banner.
type State = 'connecting' | 'connected' | 'lost';
let state: State = 'connecting';
const listeners = new Set<() => void>();

export function connectionState(): State {
  return state;
}

export function setConnectionState(next: State): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

export function onConnectionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
