// Managers and administrators: two records of one person at this customer become one. The
// merged contact's deal links move to the one kept.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { MessageKey } from '../i18n/en';
import { ConfirmDialog } from './ConfirmDialog';
import { MergeContactsMutation } from './editOperations';

interface Props {
  contacts: readonly { id: string; name: string; title?: string | null }[];
  onMerged: (text: string) => void;
}

export function MergeContacts({ contacts, onMerged }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [survivorId, setSurvivorId] = useState('');
  const [mergedId, setMergedId] = useState('');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [merging, merge] = useMutation(MergeContactsMutation);
  const nameOf = (id: string) => contacts.find((c) => c.id === id)?.name ?? '';
  const label = (c: { name: string; title?: string | null }) => (c.title ? `${c.name} · ${c.title}` : c.name);
  const ready = survivorId !== '' && mergedId !== '' && survivorId !== mergedId;

  const confirm = async () => {
    const result = await merge({ input: { survivorId, mergedId } });
    if (result.error) return setError(messageFor(problemOf(result.error), translate));
    setAsking(false);
    onMerged(t('merge.contactsDone', { merged: nameOf(mergedId), survivor: result.data?.mergeContacts.name ?? nameOf(survivorId) }));
    setSurvivorId('');
    setMergedId('');
  };

  // The dialog stays outside the form: a form inside a form would submit the page itself.
  return (
    <>
      <form
        className="merge-contacts"
        aria-labelledby="merge-contacts-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) {
            setError(null);
            setAsking(true);
          }
        }}
      >
        <h3 id="merge-contacts-title">{t('merge.contactsTitle')}</h3>
        <div className="inline-form">
          <label>
            {t('merge.keep')}
            <select value={survivorId} onChange={(event) => setSurvivorId(event.target.value)}>
              <option value="">—</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>{label(c)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('merge.mergeInto')}
            <select value={mergedId} onChange={(event) => setMergedId(event.target.value)}>
              <option value="">—</option>
              {contacts.filter((c) => c.id !== survivorId).map((c) => (
                <option key={c.id} value={c.id}>{label(c)}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!ready}>{t('merge.contactsStart')}</button>
        </div>
      </form>
      {asking && (
        <ConfirmDialog
          title={t('merge.confirmTitle')}
          confirm={t('merge.confirm')}
          busy={merging.fetching}
          error={error}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(false)}
        >
          <p>{t('merge.contactsConfirm', { merged: nameOf(mergedId), survivor: nameOf(survivorId) })}</p>
          <p>
            <strong>{t('merge.survivor', { name: nameOf(survivorId) })}</strong>
          </p>
          <p>{t('merge.cannotUndo')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
