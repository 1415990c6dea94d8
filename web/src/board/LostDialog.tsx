// Losing a deal: one of its pipeline's active lost reasons, and words beside it ("other" needs them).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { stageName } from './columns';

export const OTHER_REASON = 'other';

export interface LostReasonOption {
  key: string;
  nameZh: string;
  nameEn: string;
  retired: boolean;
}

export interface LostChoice {
  lostReasonKey: string;
  lostReason?: string;
}

interface Props {
  title: string;
  reasons: readonly LostReasonOption[];
  busy: boolean;
  error: string | null;
  onSubmit: (choice: LostChoice) => void;
  onCancel: () => void;
}

export function LostDialog({ title, reasons, busy, error, onSubmit, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const active = reasons.filter((r) => !r.retired);
  const [key, setKey] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    dialog.current?.showModal?.();
  }, []);
  const needsText = key === OTHER_REASON;
  const ready = key !== '' && (!needsText || text.trim() !== '');
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="lost-title" onCancel={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          onSubmit({ lostReasonKey: key, ...(text.trim() ? { lostReason: text.trim() } : {}) });
        }}
      >
        <h2 id="lost-title">{t('lost.title', { title })}</h2>
        <fieldset className="lost-reasons">
          <legend>{t('lost.reason')}</legend>
          {active.map((reason) => (
            <label key={reason.key} className="choice">
              <input
                type="radio"
                name="lostReasonKey"
                value={reason.key}
                checked={key === reason.key}
                onChange={() => setKey(reason.key)}
              />
              {stageName(reason, i18n.language)}
            </label>
          ))}
        </fieldset>
        <label>
          {needsText ? t('lost.otherText') : t('lost.text')}
          <textarea required={needsText} maxLength={1000} value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('evidence.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !ready}>
            {t('lost.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
