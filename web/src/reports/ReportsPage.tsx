import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';

import { messageFor, problemOf } from '../api/errors';
import { FilterOptionsQuery, PipelinesQuery } from '../board/operations';
import type { MessageKey } from '../i18n/en';
import { formatMoney } from '../lib/format';
import { BarChart } from './BarChart';
import { CalibrationReport } from './CalibrationReport';
import { ENCODING_LABEL, ExportButton, ExportOptions, type ExportSettings } from './ExportButton';
import type { CsvEncoding } from './exportCsv';
import { LostReasonsReport } from './LostReasonsReport';
import { ReportsQuery } from './operations';
import { TimeInStageReport } from './TimeInStageReport';

function startOfYear(): string {
  return `${new Date().getFullYear()}-01-01`;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A local calendar day's start, as the instant the API takes. */
function instant(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

const percent = (value: string | null | undefined, locale: string) =>
  value == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(value));

export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const [from, setFrom] = useState(startOfYear);
  const [to, setTo] = useState(today);
  const [team, setTeam] = useState('');
  const [pipelineId, setPipelineId] = useState('');
  const [encoding, setEncoding] = useState<CsvEncoding>('utf-8');
  const [{ data: options }] = useQuery({ query: FilterOptionsQuery });
  const [{ data: setup }] = useQuery({ query: PipelinesQuery });
  const filter = useMemo(
    () => ({ from: instant(from), to: nextDay(to), team: team || undefined, pipelineId: pipelineId || undefined }),
    [from, to, team, pipelineId],
  );
  const exportSettings = useMemo<ExportSettings>(
    () => ({ filter, period: { fromDay: from, toDay: to }, encoding }),
    [filter, from, to, encoding],
  );
  const [{ data, error, fetching }] = useQuery({ query: ReportsQuery, variables: { filter } });
  const teams = [...new Set((options?.users ?? []).map((u) => u.team).filter((x): x is string => !!x))];
  const money = (list: readonly { currency: string; amount: string }[]) =>
    list.map((m) => formatMoney(m.amount, m.currency, locale)).join(' · ') || '—';

  const reps = data?.repAppraisal.reps ?? [];
  const sources = data?.sourceValue.bySource ?? [];
  const months = [...new Set((data?.forecast.byTeam ?? []).map((line) => line.month))].sort();
  const forecastCurrency = data?.forecast.byTeam[0]?.currency;
  const forecastSeries = useMemo(() => {
    const lines = (data?.forecast.byTeam ?? []).filter((l) => l.currency === forecastCurrency);
    const sum = (month: string, pick: 'amount' | 'weighted') =>
      lines.filter((l) => l.month === month).reduce((total, l) => total + Number(l[pick]), 0);
    return [
      { name: t('reports.open'), values: months.map((m) => sum(m, 'amount')) },
      { name: t('reports.weighted'), values: months.map((m) => sum(m, 'weighted')) },
    ];
  }, [data, forecastCurrency, months, t]);
  const scoreSeries = useMemo(() => [{ name: t('reports.score'), values: reps.map((r) => Number(r.score)) }], [reps, t]);
  const repNames = useMemo(() => reps.map((r) => r.repName ?? r.repId), [reps]);

  return (
    <div className="reports-page">
      <h1>{t('reports.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('reports.from')}
          <input type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value || startOfYear())} />
        </label>
        <label>
          {t('reports.to')}
          <input type="date" value={to} min={from} onChange={(event) => setTo(event.target.value || today())} />
        </label>
        <label>
          {t('board.pipeline')}
          <select value={pipelineId} onChange={(event) => setPipelineId(event.target.value)}>
            <option value="">{t('reports.allPipelines')}</option>
            {(setup?.pipelines ?? []).map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.team')}
          <select value={team} onChange={(event) => setTeam(event.target.value)}>
            <option value="">{t('filter.anyTeam')}</option>
            {teams.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.csvEncoding')}
          <select value={encoding} onChange={(event) => setEncoding(event.target.value as CsvEncoding)} data-testid="csv-encoding">
            {(['utf-8', 'big5'] as const).map((value) => (
              <option key={value} value={value}>{t(ENCODING_LABEL[value])}</option>
            ))}
          </select>
        </label>
      </form>
      {error && <p role="alert">{messageFor(problemOf(error), translate)}</p>}
      {fetching && !data && <p aria-busy="true">{t('board.loading')}</p>}
      {data && (
        <ExportOptions.Provider value={exportSettings}>
        <div className="report-grid">
          <section className="panel" aria-labelledby="appraisal-title">
            <div className="section-header">
              <h2 id="appraisal-title">{t('reports.appraisal')}</h2>
              <ExportButton report="appraisal" title={t('reports.appraisal')} />
            </div>
            <BarChart title={t('reports.appraisal')} categories={repNames} series={scoreSeries} />
            <table data-testid="appraisal">
              <thead>
                <tr>
                  <th scope="col">{t('reports.rep')}</th>
                  <th scope="col">{t('reports.owned')}</th>
                  <th scope="col">{t('reports.won')}</th>
                  <th scope="col">{t('reports.lost')}</th>
                  <th scope="col">{t('reports.winRate')}</th>
                  <th scope="col">{t('reports.wonAmount')}</th>
                  <th scope="col">{t('reports.score')}</th>
                </tr>
              </thead>
              <tbody>
                {reps.map((r) => (
                  <tr key={r.repId}>
                    <th scope="row">{r.repName ?? r.repId}</th>
                    <td>{r.owned}</td>
                    <td>{r.won}</td>
                    <td>{r.lost}</td>
                    <td>{percent(r.winRate, locale)}</td>
                    <td>{money(r.wonAmount)}</td>
                    <td>{r.score}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="sources-title">
            <div className="section-header">
              <h2 id="sources-title">{t('reports.sourceValue')}</h2>
              <ExportButton report="source-value" title={t('reports.sourceValue')} />
            </div>
            <table data-testid="source-value">
              <thead>
                <tr>
                  <th scope="col">{t('reports.source')}</th>
                  <th scope="col">{t('reports.opportunities')}</th>
                  <th scope="col">{t('reports.won')}</th>
                  <th scope="col">{t('reports.wonRevenue')}</th>
                  <th scope="col">{t('reports.cost')}</th>
                  <th scope="col">{t('reports.roi')}</th>
                  <th scope="col">{t('reports.costPerWin')}</th>
                </tr>
              </thead>
              <tbody>
                {sources.flatMap((s) =>
                  (s.money.length ? s.money : [null]).map((m, index) => (
                    <tr key={`${s.key}-${m?.currency ?? index}`} data-source={s.name}>
                      <th scope="row">{s.name}</th>
                      <td>{s.opportunities}</td>
                      <td>{s.won}</td>
                      <td>{m ? formatMoney(m.wonRevenue, m.currency, locale) : '—'}</td>
                      <td>{m ? formatMoney(m.cost, m.currency, locale) : '—'}</td>
                      <td data-testid="roi">{percent(m?.roi, locale)}</td>
                      <td>{m?.costPerWon ? formatMoney(m.costPerWon, m.currency, locale) : '—'}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="overdue-title">
            <div className="section-header">
              <h2 id="overdue-title">{t('reports.overdueByRep')}</h2>
              <ExportButton report="overdue" title={t('reports.overdueByRep')} />
            </div>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('reports.rep')}</th>
                  <th scope="col">{t('reports.overdue')}</th>
                  <th scope="col">{t('reports.amount')}</th>
                  <th scope="col">{t('reports.closedLate')}</th>
                  <th scope="col">{t('reports.slips')}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdueReport.map((r) => (
                  <tr key={r.repId}>
                    <th scope="row">{r.repName ?? r.repId}</th>
                    <td>{r.overdueCount}</td>
                    <td>{money(r.overdueAmount)}</td>
                    <td>{r.closedLate}</td>
                    <td>{r.slips}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel" aria-labelledby="forecast-title">
            <div className="section-header">
              <h2 id="forecast-title">
                {t('reports.forecast')}
                {forecastCurrency ? ` (${forecastCurrency})` : ''}
              </h2>
              <ExportButton report="forecast" title={t('reports.forecast')} />
            </div>
            <BarChart title={t('reports.forecast')} categories={months} series={forecastSeries} />
          </section>
          <TimeInStageReport pipelines={data.timeInStage} />
          <LostReasonsReport report={data.lostReasons} />
          <CalibrationReport filter={filter} />
        </div>
        </ExportOptions.Provider>
      )}
    </div>
  );
}
