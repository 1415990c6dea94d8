// One urql client: HTTP for queries and mutations, a graphql-ws WebSocket (graphql-transport-ws)
// for subscriptions, both carrying the session's bearer token.
import { createClient as createWsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';

import { accessToken, endRefusedSession } from '../auth/session';
import { makeCache } from './cache';
import { setConnectionState } from './connection';

export function createApiClient(): { client: Client; close: () => void } {
  const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: socketUrl,
    connectionParams: () => ({ authorization: `Bearer ${accessToken() ?? ''}` }),
    lazy: false,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 10_000)));
    },
    on: {
      connected: () => setConnectionState('connected'),
      closed: (event) => {
        // 4403/4401: the token was refused (or the account deactivated); signing in again is the
        // only way back, and the sign-in page says so.
        const code = (event as CloseEvent | undefined)?.code;
        if (code === 4401 || code === 4403) endRefusedSession();
        else setConnectionState('lost');
      },
    },
  });
  const client = new Client({
    url: '/graphql',
    // urql sends short queries as GET by default; a gateway in production mode takes POST only.
    preferGetMethod: false,
    exchanges: [
      makeCache(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink as Parameters<typeof ws.subscribe>[1]);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
    fetchOptions: (): RequestInit => {
      const token = accessToken();
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      return { headers };
    },
  });
  return { client, close: () => void ws.dispose() };
}
