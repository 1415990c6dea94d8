import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import type { MessageKey } from '../i18n/en';
import { camel, fieldsFor, FILE_FIELDS, type MissingEvidence } from './evidence';

export interface EvidenceEntry {
  requirement: MissingEvidence;
  details: Record<string, string>;
  text: string;
  file: File | null;
}

interface Props {
  stageName: string;
  missing: MissingEvidence[];
  busy: boolean;
  error: string | null;
  onSubmit: (entries: EvidenceEntry[]) => void;
  onCancel: () => void;
}

/** Asks for what the stage being left requires, before the move is sent again. */
export function EvidenceDialog({ stageName, missing, busy, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [entries, setEntries] = useState<EvidenceEntry[]>(() =>
    missing.map((requirement) => ({ requirement, details: {}, text: '', file: null })),
  );
  useEffect(() => {
    dialog.current?.showModal?.();
  }, []);

  const update = (index: number, change: Partial<EvidenceEntry>) =>
    setEntries((all) => all.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(entries);
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="evidence-title" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="evidence-title">{t('evidence.title', { stage: stageName })}</h2>
        <p>{t('evidence.intro', { requirements: missing.map((m) => m.description).join('; ') })}</p>
        {entries.map((entry, index) => (
          <fieldset key={`${entry.requirement.kind}-${index}`}>
            <legend>{t(`activity.${entry.requirement.kind}` as MessageKey)}</legend>
            {fieldsFor(entry.requirement).map((field) =>
              FILE_FIELDS.has(field) ? (
                <label key={field}>
                  {t('evidence.file')}
                  <input
                    type="file"
                    accept={field === 'photo' ? 'image/*' : undefined}
                    required={entry.requirement.anyOf.length === 1}
                    onChange={(event) => update(index, { file: event.target.files?.[0] ?? null })}
                  />
                </label>
              ) : (
                <label key={field}>
                  {t(`field.${camel(field)}` as MessageKey)}
                  <input
                    name={camel(field)}
                    required
                    value={entry.details[camel(field)] ?? ''}
                    onChange={(event) =>
                      update(index, { details: { ...entry.details, [camel(field)]: event.target.value } })
                    }
                  />
                </label>
              ),
            )}
            <label>
              {t('evidence.text')}
              <textarea value={entry.text} onChange={(event) => update(index, { text: event.target.value })} />
            </label>
          </fieldset>
        ))}
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('evidence.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('evidence.saving') : t('evidence.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
