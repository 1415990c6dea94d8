// Time in stage per pipeline: how long ended stays took (mean, median, p90) beside the stays
// still running now, so a stage where deals sit without ever leaving is not hidden.
import { useTranslation } from 'react-i18next';

import type { ReportsQuery } from '../gql/graphql';
import { ExportButton } from './ExportButton';

type Pipelines = ReportsQuery['timeInStage'];
type Durations = { count: number; meanSeconds: number; medianSeconds: number; p90Seconds: number } | null | undefined;

const DAY = 86_400;

/** Seconds as days with one decimal. */
export function days(seconds: number): number {
  return Math.round((seconds / DAY) * 10) / 10;
}

export function TimeInStageReport({ pipelines }: { pipelines: Pipelines }) {
  const { t, i18n } = useTranslation();
  const inDays = (seconds: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'unit', unit: 'day', unitDisplay: 'short', maximumFractionDigits: 1 }).format(days(seconds));
  const spread = (d: Durations) => (d ? `${inDays(d.meanSeconds)} · ${inDays(d.medianSeconds)} · ${inDays(d.p90Seconds)}` : '—');
  return (
    <section className="panel" aria-labelledby="time-in-stage-title">
      <div className="section-header">
        <h2 id="time-in-stage-title">{t('reports.timeInStage')}</h2>
        <ExportButton report="time-in-stage" title={t('reports.timeInStage')} />
      </div>
      <p className="hint">{t('reports.timeInStageHint')}</p>
      {pipelines.map((p) => (
        <table key={p.pipelineId} data-testid="time-in-stage" data-pipeline={p.pipelineName}>
          <caption>{p.pipelineName}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.stage')}</th>
              <th scope="col">{t('reports.reached')}</th>
              <th scope="col">{t('reports.endedStays')}</th>
              <th scope="col">{t('reports.openStays')}</th>
              <th scope="col">{t('reports.rotting')}</th>
            </tr>
          </thead>
          <tbody>
            {p.stages.map((s) => (
              <tr key={s.stageKey} data-stage={s.stageKey}>
                <th scope="row">{s.stageName}</th>
                <td>{s.reached}</td>
                <td>{s.overall ? t('reports.stays', { count: s.overall.count, spread: spread(s.overall) }) : '—'}</td>
                <td data-testid="open-stays">{s.openStays ? t('reports.stays', { count: s.openStays.count, spread: spread(s.openStays) }) : '—'}</td>
                <td>{s.rottingCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
