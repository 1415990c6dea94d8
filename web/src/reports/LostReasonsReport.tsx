// Why deals were lost in the period: per reason (in the chosen language), and per stage lost from and rep.
import { useTranslation } from 'react-i18next';

import { stageName } from '../board/columns';
import type { ReportsQuery } from '../gql/graphql';
import { ExportButton } from './ExportButton';

export function LostReasonsReport({ report }: { report: ReportsQuery['lostReasons'] }) {
  const { t, i18n } = useTranslation();
  const share = (count: number) =>
    report.total ? new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(count / report.total) : '—';
  const groups = (caption: string, list: ReportsQuery['lostReasons']['byStage']) => (
    <table>
      <caption>{caption}</caption>
      <tbody>
        {list.map((g) => (
          <tr key={g.key ?? g.name}>
            <th scope="row">{g.name}</th>
            <td>{g.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="panel" aria-labelledby="lost-reasons-title">
      <div className="section-header">
        <h2 id="lost-reasons-title">{t('reports.lostReasons', { count: report.total })}</h2>
        <ExportButton report="lost-reasons" title={t('reports.lostReasons', { count: report.total })} />
      </div>
      <table data-testid="lost-reasons">
        <thead>
          <tr>
            <th scope="col">{t('reports.lostReason')}</th>
            <th scope="col">{t('reports.lostCount')}</th>
            <th scope="col">{t('reports.share')}</th>
          </tr>
        </thead>
        <tbody>
          {report.reasons.map((r) => (
            <tr key={r.reasonKey} data-reason={r.reasonKey}>
              <th scope="row">{stageName(r, i18n.language)}</th>
              <td>{r.count}</td>
              <td>{share(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {groups(t('reports.lostByStage'), report.byStage)}
      {groups(t('reports.lostByRep'), report.byRep)}
    </section>
  );
}
