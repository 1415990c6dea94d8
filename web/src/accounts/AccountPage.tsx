// A customer's page: every deal with it, open and closed, whoever owned it, with the people
// each involves; its contacts; open pipeline and won revenue per currency.
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { stageName } from '../board/columns';
import type { MessageKey } from '../i18n/en';
import { formatDate, formatMoney } from '../lib/format';
import { navigate } from '../shell/router';
import { ContactDetails, phoneText } from './ContactDetails';
import { AccountPageQuery } from './operations';

function MoneyList({ values, testId }: { values: readonly { amount: string; currency: string }[]; testId: string }) {
  const { i18n } = useTranslation();
  if (values.length === 0) return <dd data-testid={testId}>—</dd>;
  return <dd data-testid={testId}>{values.map((m) => formatMoney(m.amount, m.currency, i18n.language)).join(' · ')}</dd>;
}

export default function AccountPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data, error }] = useQuery({ query: AccountPageQuery, variables: { id } });
  if (error) return <p role="alert">{messageFor(problemOf(error), translate)}</p>;
  if (!data) return <p aria-busy="true">{t('account.loading')}</p>;
  const account = data.account;
  const contactsById = new Map(account.contacts.map((c) => [c.id, c]));
  const open = account.opportunities.filter((o) => o.status === 'OPEN');
  const closed = account.opportunities.filter((o) => o.status !== 'OPEN');
  const deals = (list: typeof account.opportunities, caption: string, testId: string) => (
    <table className="report-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('account.deal')}</th>
          <th scope="col">{t('opportunity.stage')}</th>
          <th scope="col">{t('opportunity.amount')}</th>
          <th scope="col">{t('opportunity.closeDate')}</th>
          <th scope="col">{t('opportunity.owner')}</th>
          <th scope="col">{t('account.people')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((o) => (
          <tr key={o.id}>
            <th scope="row">
              <a href={`/opportunities/${o.id}`} onClick={(event) => { event.preventDefault(); navigate(`/opportunities/${o.id}`); }}>
                {o.title}
              </a>
            </th>
            <td>{stageName(o.stage, i18n.language)}</td>
            <td>{formatMoney(o.value.amount, o.value.currency, i18n.language)}</td>
            <td>{formatDate(o.expectedCloseDate, i18n.language)}</td>
            <td>{o.owner?.name ?? '—'}</td>
            <td>
              {o.contacts
                .map((link) => {
                  const person = contactsById.get(link.contactId);
                  return person ? `${person.name} (${t(`contactRole.${link.role}` as MessageKey)})` : null;
                })
                .filter(Boolean)
                .join(', ')}
            </td>
          </tr>
        ))}
        {list.length === 0 && (
          <tr>
            <td colSpan={6}>{t('account.noDeals')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
  return (
    <article className="account-page">
      <a href="/accounts" onClick={(event) => { event.preventDefault(); navigate('/accounts'); }}>
        ← {t('account.back')}
      </a>
      <h1 id="account-name">{account.name}</h1>
      <section className="panel" aria-labelledby="account-name">
        <dl className="details">
          <dt>{t('account.taxNumber')}</dt>
          <dd>{account.taxNumber ?? '—'}</dd>
          <dt>{t('account.industry')}</dt>
          <dd>{account.industry ?? '—'}</dd>
          <dt>{t('account.phones')}</dt>
          <dd>{account.phones.map(phoneText).join(', ') || '—'}</dd>
          <dt>{t('account.address')}</dt>
          <dd>{account.address ?? '—'}</dd>
          <dt>{t('opportunity.owner')}</dt>
          <dd>{account.owner?.name ?? '—'}</dd>
          <dt>{t('account.openPipeline')}</dt>
          <MoneyList values={account.openPipeline} testId="open-pipeline" />
          <dt>{t('account.wonRevenue')}</dt>
          <MoneyList values={account.wonRevenue} testId="won-revenue" />
        </dl>
      </section>
      <section className="panel" aria-labelledby="account-contacts">
        <h2 id="account-contacts">{t('account.contacts')}</h2>
        <ul className="contacts">
          {account.contacts.map((contact) => (
            <ContactDetails key={contact.id} contact={contact} />
          ))}
        </ul>
      </section>
      {deals(open, t('account.openDeals', { count: open.length }), 'open-deals')}
      {deals(closed, t('account.closedDeals', { count: closed.length }), 'closed-deals')}
    </article>
  );
}
