// A customer's page: every deal with it, open and closed, whoever owned it, with the people
// each involves; its contacts; open pipeline and won revenue per currency.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { stageName } from '../board/columns';
import type { MessageKey } from '../i18n/en';
import { formatDate, formatMoney } from '../lib/format';
import { navigate } from '../shell/router';
import { AccountForm } from './AccountForm';
import { CardPhoto } from './CardPhoto';
import { ContactDetails, phoneText } from './ContactDetails';
import { ContactForm } from './ContactForm';
import { MergeAccounts } from './MergeAccounts';
import { MergeContacts } from './MergeContacts';
import { AccountPageQuery } from './operations';

function MoneyList({ values, testId }: { values: readonly { amount: string; currency: string }[]; testId: string }) {
  const { i18n } = useTranslation();
  if (values.length === 0) return <dd data-testid={testId}>—</dd>;
  return <dd data-testid={testId}>{values.map((m) => formatMoney(m.amount, m.currency, i18n.language)).join(' · ')}</dd>;
}

export default function AccountPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [{ data, error }, refetch] = useQuery({ query: AccountPageQuery, variables: { id } });
  const [editing, setEditing] = useState(false);
  const [editingContact, setEditingContact] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const saved = (done: boolean) => {
    if (done) {
      setStatus(t('opportunity.saved'));
      reload();
    }
  };
  const merged = (text: string) => {
    setStatus(text);
    reload();
  };
  if (error) return <p role="alert">{messageFor(problemOf(error), translate)}</p>;
  if (!data) return <p aria-busy="true">{t('account.loading')}</p>;
  const account = data.account;
  const mayMerge = data.viewer.role !== 'REP' && !account.mergedInto;
  const goTo = (path: string) => (event: { preventDefault: () => void }) => {
    event.preventDefault();
    navigate(path);
  };
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
      <div className="section-header">
        <h1 id="account-name">{account.name}</h1>
        {!account.mergedInto && !editing && (
          <button type="button" onClick={() => { setStatus(null); setEditing(true); }}>
            {t('accountEdit.edit')}
          </button>
        )}
      </div>
      {status && (
        <p role="status" className="notice-ok" data-testid="account-status">
          {status}
        </p>
      )}
      {account.mergedInto && (
        <p className="notice-error" data-testid="merged-into">
          {t('merge.thisWasMerged')}{' '}
          <a href={`/accounts/${account.mergedInto}`} onClick={goTo(`/accounts/${account.mergedInto}`)}>
            {t('merge.openSurvivor')}
          </a>
        </p>
      )}
      {editing && (
        <section className="panel">
          <AccountForm
            account={account}
            onDone={(done) => {
              setEditing(false);
              saved(done !== null);
            }}
          />
        </section>
      )}
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
        <div className="section-header">
          <h2 id="account-contacts">{t('account.contacts')}</h2>
          {!account.mergedInto && editingContact !== 'new' && (
            <button type="button" onClick={() => { setStatus(null); setEditingContact('new'); }}>
              {t('contactEdit.add')}
            </button>
          )}
        </div>
        {editingContact === 'new' && (
          <ContactForm accountId={account.id} onDone={(done) => { setEditingContact(null); saved(done); }} />
        )}
        <ul className="contacts">
          {account.contacts.map((contact) =>
            editingContact === contact.id ? (
              <li key={contact.id}>
                <ContactForm accountId={account.id} contact={contact} onDone={(done) => { setEditingContact(null); saved(done); }} />
              </li>
            ) : (
              <ContactDetails key={contact.id} contact={contact}>
                {contact.notes && <p className="contact-notes">{contact.notes}</p>}
                <CardPhoto
                  contactId={contact.id}
                  name={contact.name}
                  photo={contact.cardPhoto}
                  editable={!account.mergedInto}
                  onUploaded={() => {
                    setStatus(t('cardPhoto.saved', { name: contact.name }));
                    reload();
                  }}
                />
                {!account.mergedInto && (
                  <button
                    type="button"
                    aria-label={t('contactEdit.editOne', { name: contact.name })}
                    onClick={() => { setStatus(null); setEditingContact(contact.id); }}
                  >
                    {t('contactEdit.edit')}
                  </button>
                )}
              </ContactDetails>
            ),
          )}
        </ul>
        {mayMerge && account.contacts.length >= 2 && <MergeContacts contacts={account.contacts} onMerged={merged} />}
      </section>
      {deals(open, t('account.openDeals', { count: open.length }), 'open-deals')}
      {deals(closed, t('account.closedDeals', { count: closed.length }), 'closed-deals')}
      {mayMerge && <MergeAccounts survivor={account} onMerged={merged} />}
    </article>
  );
}
