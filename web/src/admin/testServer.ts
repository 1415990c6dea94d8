// For component tests: a urql client whose HTTP is answered by a function of the operation's name
// and variables, as the gateway would answer it (the network is the edge of the world here).
import { Client, fetchExchange, type Exchange } from 'urql';

export type Answer = { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
export type Handler = (operation: string, variables: Record<string, unknown>) => Answer;

/** `cache`, when given, sits before the network as in the console (e.g. its graphcache). */
export function clientAnswering(handler: Handler, cache?: Exchange): { client: Client; sent: { operation: string; variables: Record<string, unknown> }[] } {
  const sent: { operation: string; variables: Record<string, unknown> }[] = [];
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables?: Record<string, unknown> };
    const call = { operation: body.operationName, variables: body.variables ?? {} };
    sent.push(call);
    return new Response(JSON.stringify(handler(call.operation, call.variables)), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { client: new Client({ url: 'http://gateway.test/graphql', exchanges: cache ? [cache, fetchExchange] : [fetchExchange], fetch, preferGetMethod: false }), sent };
}
