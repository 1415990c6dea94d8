// Managers and administrators: fold a duplicate customer into this one. The duplicate's deals,
// contacts and history move here; a dialog says so, and which record stays, before anything moves.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { MessageKey } from '../i18n/en';
import { ConfirmDialog } from './ConfirmDialog';
import { MergeAccountsMutation, MergeCandidatesQuery } from './editOperations';

interface Props {
  survivor: { id: string; name: string };
  onMerged: (text: string) => void;
}

export function MergeAccounts({ survivor, onMerged }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const term = search.trim();
  const [{ data }] = useQuery({ query: MergeCandidatesQuery, variables: { search: term }, pause: term.length < 2 });
  const [merging, merge] = useMutation(MergeAccountsMutation);
  const candidates = (data?.accounts.nodes ?? []).filter((a) => a.id !== survivor.id);

  const confirm = async () => {
    if (!chosen) return;
    const result = await merge({ input: { survivorId: survivor.id, mergedId: chosen.id } });
    if (result.error) return setError(messageFor(problemOf(result.error), translate));
    setChosen(null);
    setSearch('');
    onMerged(t('merge.accountsDone', { merged: chosen.name, survivor: result.data?.mergeAccounts.name ?? survivor.name }));
  };

  return (
    <section className="panel merge" aria-labelledby="merge-accounts-title">
      <h2 id="merge-accounts-title">{t('merge.accountsTitle')}</h2>
      <p>{t('merge.accountsHelp', { survivor: survivor.name })}</p>
      <label>
        {t('merge.findDuplicate')}
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      {term.length >= 2 && (
        <ul className="choices" data-testid="merge-candidates" aria-label={t('people.accountsFound')}>
          {candidates.map((a) => (
            <li key={a.id}>
              <button type="button" onClick={() => { setError(null); setChosen(a); }}>
                {t('merge.mergeThis', { name: a.name })}
              </button>
              {a.taxNumber && <span> · {a.taxNumber}</span>}
              {a.owner && <span> · {a.owner.name}</span>}
            </li>
          ))}
          {data && candidates.length === 0 && <li>{t('catalogue.none')}</li>}
        </ul>
      )}
      {chosen && (
        <ConfirmDialog
          title={t('merge.confirmTitle')}
          confirm={t('merge.confirm')}
          busy={merging.fetching}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={() => setChosen(null)}
        >
          <p>{t('merge.accountsConfirm', { merged: chosen.name, survivor: survivor.name })}</p>
          <p>
            <strong>{t('merge.survivor', { name: survivor.name })}</strong>
          </p>
          <p>{t('merge.cannotUndo')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
