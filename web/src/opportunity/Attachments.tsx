import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { fileUrl } from '../api/upload';

interface File {
  id: string;
  filename: string;
  contentType: string;
  downloadPath: string;
}

/** A thumbnail for a photo, a download link for any file (both fetched with the token). */
export function AttachmentLink({ file }: { file: File }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const image = file.contentType.startsWith('image/');
  useEffect(() => {
    let made: string | null = null;
    if (image) {
      void fileUrl(file.downloadPath).then((u) => {
        made = u;
        setUrl(u);
      });
    }
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [file.downloadPath, image]);
  const download = async () => {
    const link = document.createElement('a');
    link.href = url ?? (await fileUrl(file.downloadPath));
    link.download = file.filename;
    link.click();
  };
  return (
    <span className="attachment">
      {image && url && <img src={url} alt={file.filename} className="thumbnail" />}
      <button type="button" className="link" onClick={() => void download()}>
        {t('opportunity.download', { name: file.filename })}
      </button>
    </span>
  );
}
