// Each report's "Download CSV" button: the gateway's file for the filters and encoding the page
// holds (given through ExportOptions so every report panel downloads what is on screen).
import { createContext, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { accessToken } from '../auth/session';
import type { MessageKey } from '../i18n/en';
import { type CsvEncoding, downloadReport, exportFailureText, type ExportFilter, exportFileName, type ExportPeriod, exportRequest, type ReportName } from './exportCsv';

export interface ExportSettings {
  filter: ExportFilter;
  period: ExportPeriod;
  encoding: CsvEncoding;
}

export const ENCODING_LABEL: Record<CsvEncoding, MessageKey> = {
  'utf-8': 'reports.csvEncodingUtf8',
  big5: 'reports.csvEncodingBig5',
};

export const ExportOptions = createContext<ExportSettings | null>(null);

export function ExportButton({ report, title }: { report: ReportName; title: string }) {
  const { t, i18n } = useTranslation();
  const settings = useContext(ExportOptions);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!settings) return null;
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);

  const run = async () => {
    setBusy(true);
    setFailure(null);
    const request = exportRequest(report, settings.filter, settings.encoding, accessToken(), i18n.language);
    const outcome = await downloadReport(request, exportFileName(report, settings.period, settings.filter.team, settings.encoding));
    setBusy(false);
    if (outcome.ok) return;
    setFailure(exportFailureText(outcome.problem, translate));
  };

  return (
    <span className="export-csv">
      <button
        type="button"
        onClick={() => void run()}
        disabled={busy}
        aria-busy={busy}
        aria-label={t('reports.exportOf', { report: title, encoding: t(ENCODING_LABEL[settings.encoding]) })}
      >
        {t('reports.export')}
      </button>
      {failure && <span role="alert" className="error">{failure}</span>}
    </span>
  );
}
