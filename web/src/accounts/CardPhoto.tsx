// A contact's business-card photo on the customer's page: a thumbnail that opens the full photo,
// and a drop zone (or file picker) to upload or replace it, with progress and the refusals named.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { messageFor } from '../api/errors';
import { fileUrl, uploadFiles, type UploadResult } from '../api/upload';
import type { MessageKey } from '../i18n/en';
import { ATTACH_CONTACT_CARD, CARD_PHOTO_MAX_BYTES, checkCardPhoto } from './cardPhotoCheck';

export interface Photo {
  id: string;
  filename: string;
  contentType: string;
  downloadPath: string;
}

interface Props {
  contactId: string;
  name: string;
  photo: Photo | null | undefined;
  editable: boolean;
  onUploaded: () => void;
}

/** The photo as an object URL (it needs the bearer token), released when no longer shown. */
function usePhotoUrl(path: string | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return setUrl(null);
    let made: string | null = null;
    let live = true;
    void fileUrl(path)
      .then((u) => {
        made = u;
        if (live) setUrl(u);
        else URL.revokeObjectURL(u);
      })
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  return url;
}

function FullPhoto({ url, name, filename, onClose }: { url: string; name: string; filename: string; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal?.();
  }, []);
  return (
    <dialog ref={dialog} className="dialog card-photo-dialog" aria-labelledby="card-photo-title" onCancel={onClose}>
      <h2 id="card-photo-title">{t('cardPhoto.of', { name })}</h2>
      <img src={url} alt={t('cardPhoto.of', { name })} className="card-photo-full" />
      <div className="dialog-actions">
        <a href={url} download={filename}>{t('opportunity.download', { name: filename })}</a>
        <button type="button" className="primary" onClick={onClose}>{t('cardPhoto.close')}</button>
      </div>
    </dialog>
  );
}

export function CardPhoto({ contactId, name, photo, editable, onUploaded }: Props) {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const url = usePhotoUrl(photo?.downloadPath);
  const [open, setOpen] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const send = async (file: File) => {
    setError(null);
    const refused = checkCardPhoto(file);
    if (refused) {
      const limit = Math.round(CARD_PHOTO_MAX_BYTES / 1024 / 1024);
      return setError(t(`cardPhoto.refused.${refused}` as MessageKey, { name: file.name, limit }));
    }
    setProgress(0);
    const answer: UploadResult<unknown> = await uploadFiles(ATTACH_CONTACT_CARD, { contactId, file: null }, { 'variables.file': file }, setProgress).catch(
      () => ({ errors: [{ message: '', extensions: { code: 'NETWORK' } }] }),
    );
    setProgress(null);
    if (input.current) input.current.value = '';
    const failure = answer.errors?.[0];
    if (failure) {
      return setError(messageFor({ code: failure.extensions?.code ?? 'UNKNOWN', message: failure.message, details: failure.extensions?.details }, translate));
    }
    onUploaded();
  };
  const dropped = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void send(file);
  };

  return (
    <div className="card-photo" data-testid="card-photo">
      {photo && url && (
        <button type="button" className="thumbnail-button" aria-label={t('cardPhoto.open', { name })} onClick={() => setOpen(true)}>
          <img src={url} alt="" className="thumbnail" />
        </button>
      )}
      {photo && !url && <span aria-busy="true">{t('cardPhoto.loading')}</span>}
      {editable && (
        <label
          className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
          onDragOver={(event) => {
            event.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={dropped}
        >
          {photo ? t('cardPhoto.replace', { name }) : t('cardPhoto.upload', { name })}
          <input
            ref={input}
            type="file"
            accept="image/*"
            disabled={progress !== null}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void send(file);
            }}
          />
          <span className="hint">{t('cardPhoto.hint')}</span>
        </label>
      )}
      {progress !== null && <progress value={progress} max={1} aria-label={t('cardPhoto.uploading', { name })} />}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {open && url && photo && <FullPhoto url={url} name={name} filename={photo.filename} onClose={() => setOpen(false)} />}
    </div>
  );
}
