// One stage's names, probability, rotting days (and kind, when the stage is new).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { StageKind } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';

export interface StageDraft {
  key: string;
  nameZh: string;
  nameEn: string;
  probability: number;
  rottingDays: number | null;
  kind: StageKind;
}

interface Props {
  initial: StageDraft;
  /** A new stage: its key and kind may be chosen (the API fixes both once the stage exists). */
  isNew: boolean;
  submitLabel: string;
  onSubmit: (draft: StageDraft) => void;
  onCancel?: () => void;
}

const KINDS: StageKind[] = ['OPEN', 'WON', 'LOST'];

export function StageForm({ initial, isNew, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [rotting, setRotting] = useState(initial.rottingDays === null ? '' : String(initial.rottingDays));
  const set = <K extends keyof StageDraft>(field: K, value: StageDraft[K]) => setDraft({ ...draft, [field]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ ...draft, rottingDays: rotting.trim() === '' ? null : Number(rotting) });
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid={isNew ? 'new-stage-form' : 'stage-form'}>
      {isNew && (
        <label>
          {t('admin.pipelines.key')}
          <input required pattern="[a-z0-9_]+" value={draft.key} onChange={(e) => set('key', e.target.value)} />
        </label>
      )}
      <label>
        {t('admin.pipelines.nameZh')}
        <input required lang="zh-TW" value={draft.nameZh} onChange={(e) => set('nameZh', e.target.value)} />
      </label>
      <label>
        {t('admin.pipelines.nameEn')}
        <input required lang="en" value={draft.nameEn} onChange={(e) => set('nameEn', e.target.value)} />
      </label>
      <label>
        {t('opportunity.probability')}
        <input type="number" required min={0} max={100} value={draft.probability} onChange={(e) => set('probability', Number(e.target.value))} />
      </label>
      <label>
        {t('admin.pipelines.rottingDays')}
        <input type="number" min={1} max={3650} value={rotting} onChange={(e) => setRotting(e.target.value)} />
      </label>
      {isNew && (
        <label>
          {t('admin.kind')}
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value as StageKind)}>
            {KINDS.map((kind) => <option key={kind} value={kind}>{t(`status.${kind}` as MessageKey)}</option>)}
          </select>
        </label>
      )}
      <button type="submit" className="primary">{submitLabel}</button>
      {onCancel && <button type="button" onClick={onCancel}>{t('admin.pipelines.cancel')}</button>}
    </form>
  );
}
