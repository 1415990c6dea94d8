// What each imported card became: its deal, and the customer and person it was matched to
// (by tax number, e-mail, phone or name) or created as. Names are asked per shown row, a page
// at a time, since the import job names only ids.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { graphql } from '../gql';
import type { CardMatch } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { navigate } from '../shell/router';

export const PAGE = 25;

const LinkNamesQuery = graphql(`
  query ImportLinkNames($accountId: ID!, $contactId: ID!) {
    account(id: $accountId) { id name }
    contact(id: $contactId) { id name }
  }
`);

export interface Link {
  line: number;
  opportunityId: string;
  accountId: string;
  accountMatch: CardMatch;
  contactId: string;
  contactMatch: CardMatch;
}

function Match({ match }: { match: CardMatch }) {
  const { t } = useTranslation();
  const created = match === 'CREATED';
  return (
    <span className={created ? 'badge badge-new' : 'badge badge-matched'}>
      {t(`importLinks.match.${match}` as MessageKey)}
    </span>
  );
}

function LinkRow({ link }: { link: Link }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: LinkNamesQuery, variables: { accountId: link.accountId, contactId: link.contactId } });
  const go = (path: string) => (event: { preventDefault: () => void }) => {
    event.preventDefault();
    navigate(path);
  };
  return (
    <tr data-testid="import-link" data-line={link.line}>
      <th scope="row">{link.line}</th>
      <td>
        <a href={`/accounts/${link.accountId}`} onClick={go(`/accounts/${link.accountId}`)}>
          {data?.account.name ?? t('importLinks.account')}
        </a>{' '}
        <Match match={link.accountMatch} />
      </td>
      <td>
        {data?.contact.name ?? '…'} <Match match={link.contactMatch} />
      </td>
      <td>
        <a
          href={`/opportunities/${link.opportunityId}`}
          aria-label={t('importLinks.openDealOf', { line: link.line })}
          onClick={go(`/opportunities/${link.opportunityId}`)}
        >
          {t('importLinks.openDeal')}
        </a>
      </td>
    </tr>
  );
}

export function ImportLinks({ links }: { links: readonly Link[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(links.length / PAGE));
  const shown = links.slice(page * PAGE, page * PAGE + PAGE);
  const count = (match: 'account' | 'contact', created: boolean) =>
    links.filter((l) => (match === 'account' ? l.accountMatch : l.contactMatch) === 'CREATED' ? created : !created).length;
  if (links.length === 0) return null;
  return (
    <section className="import-links" aria-labelledby="links-title">
      <h3 id="links-title">{t('importLinks.title')}</h3>
      <p data-testid="import-link-summary">
        {t('importLinks.summary', {
          accountsMatched: count('account', false),
          accountsCreated: count('account', true),
          contactsMatched: count('contact', false),
          contactsCreated: count('contact', true),
        })}
      </p>
      <table data-testid="import-links">
        <thead>
          <tr>
            <th scope="col">{t('import.line')}</th>
            <th scope="col">{t('importLinks.account')}</th>
            <th scope="col">{t('importLinks.contact')}</th>
            <th scope="col">{t('importLinks.deal')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((link) => (
            <LinkRow key={link.line} link={link} />
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <div className="actions pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('catalogue.previous')}
          </button>
          <span>{t('importLinks.page', { page: page + 1, pages })}</span>
          <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
            {t('catalogue.next')}
          </button>
        </div>
      )}
    </section>
  );
}
