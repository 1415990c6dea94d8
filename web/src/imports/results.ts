// The import's results as one CSV in the user's language: the rows refused, the cards flagged as
// duplicates, and for each card created the customer and person it was matched to or created as.
import type { Client } from 'urql';

import type { CardMatch, ImportJobQuery } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';

type Job = ImportJobQuery['importJob'];
type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

export interface Names {
  accounts: ReadonlyMap<string, string>;
  contacts: ReadonlyMap<string, string>;
}

/** The gateway refuses more than 30 aliases in one query; each id is one. */
export const NAMES_PER_QUERY = 30;

/** Chunks of ids, each asked in one query of aliased `account`/`contact` fields. */
export function nameQueries(accountIds: readonly string[], contactIds: readonly string[]): { query: string; variables: Record<string, string> }[] {
  const wanted = [
    ...[...new Set(accountIds)].map((id) => ({ kind: 'account' as const, id })),
    ...[...new Set(contactIds)].map((id) => ({ kind: 'contact' as const, id })),
  ];
  const queries: { query: string; variables: Record<string, string> }[] = [];
  for (let start = 0; start < wanted.length; start += NAMES_PER_QUERY) {
    const chunk = wanted.slice(start, start + NAMES_PER_QUERY);
    const params = chunk.map((_, i) => `$i${i}: ID!`).join(', ');
    const fields = chunk.map((w, i) => `${w.kind[0]}${i}: ${w.kind}(id: $i${i}) { id name }`).join(' ');
    queries.push({
      query: `query ImportResultNames(${params}) { ${fields} }`,
      variables: Object.fromEntries(chunk.map((w, i) => [`i${i}`, w.id])),
    });
  }
  return queries;
}

/** Names of the customers and people the cards were linked to (the job names only ids). */
export async function linkNames(client: Client, links: Job['links']): Promise<Names> {
  const accounts = new Map<string, string>();
  const contacts = new Map<string, string>();
  for (const { query, variables } of nameQueries(links.map((l) => l.accountId), links.map((l) => l.contactId))) {
    const result = await client.query(query, variables).toPromise();
    if (result.error) throw result.error;
    for (const [alias, value] of Object.entries((result.data ?? {}) as Record<string, { id: string; name: string } | null>)) {
      if (value) (alias.startsWith('a') ? accounts : contacts).set(value.id, value.name);
    }
  }
  return { accounts, contacts };
}

export function resultsHeader(t: Translate): string[] {
  return [
    t('import.line'), t('import.kind'), t('import.field'), t('import.reason'),
    t('importLinks.account'), t('importResults.accountMatch'), t('importLinks.contact'), t('importResults.contactMatch'),
    t('importResults.dealId'),
  ];
}

export function resultsRows(job: Job, names: Names, t: Translate): (string | number | null | undefined)[][] {
  const match = (m: CardMatch) => t(`importLinks.match.${m}` as MessageKey);
  return [
    ...job.problems.map((p) => [p.line, t('import.error'), p.field, p.reason]),
    ...job.duplicates.map((d) => [d.line, t('import.duplicate'), d.earlierLine ?? d.opportunityId, d.reason]),
    ...job.links.map((l) => [
      l.line, t('importResults.imported'), '', '',
      names.accounts.get(l.accountId) ?? l.accountId, match(l.accountMatch),
      names.contacts.get(l.contactId) ?? l.contactId, match(l.contactMatch),
      l.opportunityId,
    ]),
  ].sort((a, b) => Number(a[0]) - Number(b[0]));
}
