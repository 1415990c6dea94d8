// Appraisal policy versions: every saved version (and the configured default while it is in
// force), the one in force marked, any one shown in full, and a new version saved from the
// current terms. Versions are never edited: reports can
// be asked under any of them, so a change is always a new version.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { CreditRule, PolicyFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { formatDateTime } from '../lib/format';
import { PoliciesQuery, SetAppraisalPolicy } from './operations';

const RULES: readonly CreditRule[] = ['OWNER_AT_CLOSE', 'SHARED_BY_TIME_OWNED'];

interface Terms {
  baseReward: string;
  newCustomerBonus: string;
  newProductBonus: string;
  creditRule: CreditRule;
}
const AMOUNTS = ['baseReward', 'newCustomerBonus', 'newProductBonus'] as const;

/** A non-negative decimal as the API takes it, or null. */
export function decimal(text: string): string | null {
  const trimmed = text.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? trimmed : null;
}

function termsOf(policy: PolicyFieldsFragment | undefined): Terms {
  return {
    baseReward: policy?.baseReward ?? '',
    newCustomerBonus: policy?.newCustomerBonus ?? '',
    newProductBonus: policy?.newProductBonus ?? '',
    creditRule: policy?.creditRule ?? 'OWNER_AT_CLOSE',
  };
}

export function PolicyVersions() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [{ data, error }, reload] = useQuery({ query: PoliciesQuery });
  const [saving, save] = useMutation(SetAppraisalPolicy);
  const [viewed, setViewed] = useState<number | null>(null);
  const [draft, setDraft] = useState<Terms | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const current = data?.appraisalPolicy;
  const versions = [...(data?.appraisalPolicies ?? [])].sort((a, b) => b.version - a.version);
  if (current && !versions.some((p) => p.version === current.version)) versions.push(current);
  const shown = versions.find((p) => p.version === (viewed ?? current?.version));
  const number = (value: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(Number(value));

  const submit = async (terms: Terms) => {
    const amounts = AMOUNTS.map((field) => decimal(terms[field]));
    const bad = AMOUNTS.find((_, index) => amounts[index] === null);
    if (bad) return setNotice({ tone: 'error', text: t('admin.policy.invalid', { field: t(`admin.policy.${bad}` as MessageKey) }) });
    const [baseReward, newCustomerBonus, newProductBonus] = amounts as string[];
    const result = await save({ input: { baseReward: baseReward!, newCustomerBonus: newCustomerBonus!, newProductBonus: newProductBonus!, creditRule: terms.creditRule } });
    if (result.error) return setNotice({ tone: 'error', text: messageFor(problemOf(result.error), (k, v) => t(k, v)) });
    setDraft(null);
    setViewed(null);
    setNotice({ tone: 'ok', text: t('admin.policy.saved', { version: result.data?.setAppraisalPolicy.version }) });
    reload({ requestPolicy: 'network-only' });
  };

  return (
    <section className="panel" aria-labelledby="policy-title" data-testid="policy-versions">
      <div className="section-header">
        <h2 id="policy-title">{t('admin.policy.title')}</h2>
        {!draft && (
          <button type="button" className="primary" disabled={!current} onClick={() => { setDraft(termsOf(current)); setNotice(null); }}>
            {t('admin.policy.new')}
          </button>
        )}
      </div>
      <p className="hint">{t('admin.policy.hint')}</p>
      {error && <p role="alert" className="notice-error">{messageFor(problemOf(error), (k, v) => t(k, v))}</p>}
      {draft && (
        <form
          className="panel"
          aria-labelledby="policy-new-title"
          data-testid="policy-form"
          onSubmit={(event) => {
            event.preventDefault();
            void submit(draft);
          }}
        >
          <h3 id="policy-new-title">{t('admin.policy.newTitle')}</h3>
          <div className="inline-form">
            {AMOUNTS.map((field) => (
              <label key={field}>
                {t(`admin.policy.${field}` as MessageKey)}
                <input inputMode="decimal" value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
              </label>
            ))}
            <label>
              {t('admin.policy.creditRule')}
              <select value={draft.creditRule} onChange={(e) => setDraft({ ...draft, creditRule: e.target.value as CreditRule })}>
                {RULES.map((rule) => (
                  <option key={rule} value={rule}>{t(`admin.policy.rule.${rule}` as MessageKey)}</option>
                ))}
              </select>
            </label>
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={() => setDraft(null)} disabled={saving.fetching}>{t('evidence.cancel')}</button>
            <button type="submit" className="primary" disabled={saving.fetching}>{t('admin.policy.save')}</button>
          </div>
        </form>
      )}
      {notice && (
        <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>
          {notice.text}
        </p>
      )}
      <table data-testid="policies">
        <thead>
          <tr>
            <th scope="col">{t('admin.policy.version')}</th>
            <th scope="col">{t('admin.policy.baseReward')}</th>
            <th scope="col">{t('admin.policy.creditRule')}</th>
            <th scope="col">{t('admin.policy.createdAt')}</th>
            <th scope="col"><span className="visually-hidden">{t('admin.users.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {versions.map((policy) => (
            <tr key={policy.version} data-version={policy.version} aria-current={policy.version === current?.version ? 'true' : undefined}>
              <th scope="row">
                {t('admin.policy.versionN', { version: policy.version })}
                {policy.version === current?.version && <span className="badge badge-current">{t('admin.policy.current')}</span>}
              </th>
              <td>{number(policy.baseReward)}</td>
              <td>{t(`admin.policy.rule.${policy.creditRule}` as MessageKey)}</td>
              <td>{policy.version === 0 ? t('admin.policy.configured') : formatDateTime(policy.createdAt, locale)}</td>
              <td>
                <button
                  type="button"
                  aria-pressed={shown?.version === policy.version}
                  aria-label={t('admin.policy.view', { version: policy.version })}
                  onClick={() => setViewed(policy.version)}
                >
                  {t('admin.policy.show')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && (
        <div data-testid="policy-details" aria-live="polite">
          <h3>{t('admin.policy.versionN', { version: shown.version })}{shown.version === current?.version ? ` · ${t('admin.policy.current')}` : ''}</h3>
          <dl className="facts">
            {AMOUNTS.map((field) => (
              <div key={field}>
                <dt>{t(`admin.policy.${field}` as MessageKey)}</dt>
                <dd>{number(shown[field])}</dd>
              </div>
            ))}
            <div>
              <dt>{t('admin.policy.creditRule')}</dt>
              <dd>{t(`admin.policy.rule.${shown.creditRule}` as MessageKey)}</dd>
            </div>
            <div>
              <dt>{t('admin.policy.createdBy')}</dt>
              <dd>{shown.createdBy ? (data?.users.find((u) => u.id === shown.createdBy)?.name ?? shown.createdBy) : t('admin.policy.configured')}</dd>
            </div>
          </dl>
        </div>
      )}
    </section>
  );
}
