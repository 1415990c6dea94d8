import { useTranslation } from 'react-i18next';

/** The end of every edit form: the refusal (announced to screen readers), Cancel and the submit
 * button, both disabled while the form is being saved. */
export function FormActions({
  error,
  busy,
  submitLabel,
  onCancel,
  className = 'actions',
}: {
  error: string | null | undefined;
  busy: boolean;
  submitLabel: string;
  onCancel?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className={className}>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={busy}>
            {t('evidence.cancel')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
