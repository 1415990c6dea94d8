// Calibration: each open stage's configured probability beside the observed win rate of the
// closed deals that reached it, for all deals and per lead source (a trade show's leads may close
// unlike a website's), so an administrator can set probabilities from the company's history.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import type { ReportFilterInput, StageCalibrationFieldsFragment } from '../gql/graphql';
import { BarChart } from './BarChart';
import { CalibrationQuery } from './calibration';
import { ExportButton } from './ExportButton';

const ALL = '*';

/** Observed minus configured, in percentage points; null without closed deals. */
export function gap(stage: Pick<StageCalibrationFieldsFragment, 'observedWinRate' | 'configuredProbability'>): number | null {
  if (stage.observedWinRate == null) return null;
  return Math.round(Number(stage.observedWinRate) * 1000) / 10 - stage.configuredProbability;
}

export function CalibrationReport({ filter }: { filter: ReportFilterInput }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [{ data, error }] = useQuery({ query: CalibrationQuery, variables: { filter } });
  const [source, setSource] = useState(ALL);
  const pipelines = data?.calibration ?? [];
  const sources = useMemo(() => {
    const named = new Map<string, string>();
    for (const p of pipelines) for (const s of p.bySource) named.set(s.sourceId, s.sourceName);
    return [...named].map(([id, name]) => ({ id, name: id ? name : t('reports.calibration.noSource') }));
  }, [pipelines, t]);
  const rate = (value: string | null | undefined) =>
    value == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value));
  const points = (value: number | null) =>
    value == null ? '—' : new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value);
  const stagesOf = (p: (typeof pipelines)[number]) =>
    source === ALL ? p.stages : (p.bySource.find((s) => s.sourceId === source)?.stages ?? []);

  return (
    <section className="panel" aria-labelledby="calibration-title" data-testid="calibration">
      <div className="section-header">
        <h2 id="calibration-title">{t('reports.calibration.title')}</h2>
        <ExportButton report="calibration" title={t('reports.calibration.title')} />
      </div>
      <p className="hint">{t('reports.calibration.hint')}</p>
      <label>
        {t('reports.source')}
        <select value={source} onChange={(e) => setSource(e.target.value)} data-testid="calibration-source">
          <option value={ALL}>{t('reports.calibration.allSources')}</option>
          {sources.map((s) => (
            <option key={s.id || 'none'} value={s.id}>{s.name}</option>
          ))}
        </select>
      </label>
      {error && <p role="alert" className="notice-error">{messageFor(problemOf(error), (k, v) => t(k, v))}</p>}
      {pipelines.map((p) => (
        <PipelineCalibration
          key={p.pipelineId}
          name={p.pipelineName}
          stages={stagesOf(p)}
          rate={rate}
          points={points}
        />
      ))}
    </section>
  );
}

function PipelineCalibration({
  name,
  stages,
  rate,
  points,
}: {
  name: string;
  stages: readonly StageCalibrationFieldsFragment[];
  rate: (value: string | null | undefined) => string;
  points: (value: number | null) => string;
}) {
  const { t } = useTranslation();
  const sorted = useMemo(() => [...stages].sort((a, b) => a.position - b.position), [stages]);
  const categories = useMemo(() => sorted.map((s) => s.stageName), [sorted]);
  const series = useMemo(
    () => [
      { name: t('reports.calibration.configured'), values: sorted.map((s) => s.configuredProbability) },
      { name: t('reports.calibration.observed'), values: sorted.map((s) => (s.observedWinRate == null ? 0 : Math.round(Number(s.observedWinRate) * 1000) / 10)) },
    ],
    [sorted, t],
  );
  return (
    <div className="calibration-pipeline" data-pipeline={name}>
      <BarChart title={t('reports.calibration.chart', { pipeline: name })} categories={categories} series={series} />
      <table data-testid="calibration-table">
        <caption>{name}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.stage')}</th>
            <th scope="col">{t('reports.calibration.configured')}</th>
            <th scope="col">{t('reports.calibration.closed')}</th>
            <th scope="col">{t('reports.won')}</th>
            <th scope="col">{t('reports.calibration.observed')}</th>
            <th scope="col">{t('reports.calibration.gap')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.stageKey} data-stage={s.stageKey}>
              <th scope="row">{s.stageName}</th>
              <td>{s.configuredProbability}%</td>
              <td>{s.reachedAndClosed}</td>
              <td>{s.won}</td>
              <td data-testid="observed">{rate(s.observedWinRate)}</td>
              <td>{points(gap(s))}</td>
            </tr>
          ))}
          {sorted.length === 0 && (
            <tr>
              <td colSpan={6}>{t('reports.calibration.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
