// A pipeline's reasons for losing a deal: add one, or stop offering one ("other" always stays).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { AdminPipelineFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { AddLostReason, RetireLostReason } from './operations';

interface Props {
  pipeline: AdminPipelineFieldsFragment;
  onRefused: () => void;
}

export function LostReasons({ pipeline, onRefused }: Props) {
  const { t, i18n } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [draft, setDraft] = useState({ key: '', nameZh: '', nameEn: '' });
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [, add] = useMutation(AddLostReason);
  const [, retire] = useMutation(RetireLostReason);
  const base = { pipelineId: pipeline.id, expectedVersion: pipeline.version };
  const nameOf = (r: { nameZh: string; nameEn: string }) => (i18n.language.startsWith('zh') ? r.nameZh : r.nameEn);

  const settle = (error: Parameters<typeof problemOf>[0] | undefined, done: string): boolean => {
    if (error) {
      setNotice({ tone: 'error', text: messageFor(problemOf(error), translate) });
      onRefused();
      return false;
    }
    setNotice({ tone: 'ok', text: done });
    return true;
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await add({ input: { ...base, ...draft } });
    if (settle(result.error, t('admin.lostReasons.added', { reason: nameOf(draft) }))) setDraft({ key: '', nameZh: '', nameEn: '' });
  };
  const stop = async (reason: { key: string; nameZh: string; nameEn: string }) => {
    const result = await retire({ input: { ...base, key: reason.key } });
    settle(result.error, t('admin.lostReasons.retired', { reason: nameOf(reason) }));
  };

  return (
    <section aria-labelledby="lost-reasons-title" data-testid="lost-reasons">
      <h3 id="lost-reasons-title">{t('admin.lostReasons.title')}</h3>
      <ul>
        {pipeline.lostReasons.map((reason) => (
          <li key={reason.key}>
            {nameOf(reason)}
            {reason.retired ? ` (${t('admin.retired')})` : ''}{' '}
            {!reason.retired && reason.key !== 'other' && (
              <button type="button" onClick={() => void stop(reason)}>{t('admin.lostReasons.retire', { reason: nameOf(reason) })}</button>
            )}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('admin.pipelines.key')}
          <input required pattern="[a-z0-9_]+" value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} />
        </label>
        <label>
          {t('admin.pipelines.nameZh')}
          <input required lang="zh-TW" value={draft.nameZh} onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })} />
        </label>
        <label>
          {t('admin.pipelines.nameEn')}
          <input required lang="en" value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} />
        </label>
        <button type="submit" className="primary">{t('admin.lostReasons.add')}</button>
      </form>
      {notice && <p role={notice.tone === 'error' ? 'alert' : 'status'} className={notice.tone === 'error' ? 'notice-error' : 'notice-ok'}>{notice.text}</p>}
    </section>
  );
}
