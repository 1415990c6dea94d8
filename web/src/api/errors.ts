// Every error code the API returns, as a message in the user's language.
import type { CombinedError } from 'urql';

import { en, type MessageKey } from '../i18n/en';

export interface ApiProblem {
  code: string;
  message: string;
  details: Record<string, unknown> | undefined;
}

export function problemOf(error: CombinedError): ApiProblem {
  const first = error.graphQLErrors[0];
  if (first) {
    const extensions = first.extensions as { code?: string; details?: Record<string, unknown> };
    return { code: extensions.code ?? 'UNKNOWN', message: first.message, details: extensions.details };
  }
  return { code: 'NETWORK', message: error.networkError?.message ?? error.message, details: undefined };
}

type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

export function messageFor(problem: ApiProblem, t: Translate): string {
  const key = `code.${problem.code}` as MessageKey;
  // Details the API gives (a field's name, a limit) fill the message's placeholders.
  const details = Object.fromEntries(
    Object.entries(problem.details ?? {}).filter(([, value]) => typeof value === 'string' || typeof value === 'number'),
  );
  if (key in en) return t(key, { field: '', ...details, detail: problem.message, code: problem.code });
  return t('code.UNKNOWN', { code: problem.code });
}
