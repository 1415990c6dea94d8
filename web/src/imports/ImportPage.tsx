import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';

import { messageFor } from '../api/errors';
import { uploadFiles } from '../api/upload';
import { FilterOptionsQuery } from '../board/operations';
import { graphql } from '../gql';
import type { ImportJobQuery } from '../gql/graphql';
import type { MessageKey } from '../i18n/en';
import { download, toCsv } from '../lib/csv';
import { ImportLinks } from './ImportLinks';
import { linkNames, resultsHeader, resultsRows } from './results';

const ImportJobQueryDocument = graphql(`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id status filename encoding totalRows validRows toCreate processed created percentDone
      problems { line field reason }
      duplicates { line reason opportunityId earlierLine }
      links { line opportunityId accountId accountMatch contactId contactMatch }
    }
  }
`);

const IMPORT = `mutation Import($input: ImportOpportunitiesInput!) {
  importOpportunities(input: $input) { id status }
}`;

const FINISHED = new Set(['DONE', 'FAILED', 'REJECTED']);
type Job = ImportJobQuery['importJob'];

/** A trade show's CSV (Big5 or UTF-8) in, spread across the chosen reps, with live progress. */
export default function ImportPage() {
  const { t } = useTranslation();
  const translate = (key: MessageKey, values?: Record<string, unknown>) => t(key, values);
  const client = useClient();
  const [{ data: options }] = useQuery({ query: FilterOptionsQuery });
  const [jobId, setJobId] = useState<string | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [{ data }, poll] = useQuery({ query: ImportJobQueryDocument, variables: { id: jobId ?? '' }, pause: !jobId, requestPolicy: 'network-only' });
  const job: Job | undefined = data?.importJob;
  useEffect(() => {
    if (!jobId || (job && FINISHED.has(job.status))) return;
    const timer = setInterval(() => poll({ requestPolicy: 'network-only' }), 500);
    return () => clearInterval(timer);
  }, [jobId, job, poll]);

  const reps = (options?.users ?? []).filter((u) => u.role === 'REP');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return setProblem(t('code.EMPTY_FILE'));
    const toUserIds = form.getAll('rep').map(String);
    const days = String(form.get('days') ?? '');
    setUpload(0);
    const answer = await uploadFiles<{ importOpportunities: { id: string } }>(
      IMPORT,
      {
        input: {
          file: null,
          toUserIds,
          strategy: String(form.get('strategy')),
          sourceId: form.get('source') || undefined,
          closeInDays: days ? Number(days) : undefined,
        },
      },
      { 'variables.input.file': file },
      setUpload,
    ).catch(() => ({ errors: [{ message: '', extensions: { code: 'NETWORK' } }], data: undefined }));
    setUpload(null);
    const failure = answer.errors?.[0];
    if (failure) {
      return setProblem(messageFor({ code: failure.extensions?.code ?? 'UNKNOWN', message: failure.message, details: undefined }, translate));
    }
    setJobId(answer.data!.importOpportunities.id);
  };

  const exportRows = async () => {
    if (!job) return;
    setProblem(null);
    try {
      const names = await linkNames(client, job.links);
      download(`${job.filename}-results.csv`, toCsv(resultsHeader(translate), resultsRows(job, names, translate)));
    } catch {
      setProblem(t('code.NETWORK'));
    }
  };
  const hasResults = job && (job.problems.length > 0 || job.duplicates.length > 0 || (FINISHED.has(job.status) && job.links.length > 0));

  return (
    <div className="import-page">
      <h1>{t('import.title')}</h1>
      <form className="panel import-form" onSubmit={(event) => void submit(event)}>
        <label className="drop-zone">
          {t('import.file')}
          <input type="file" name="file" accept=".csv,text/csv" required />
        </label>
        <label>
          {t('filter.source')}
          <select name="source" defaultValue="">
            <option value="">—</option>
            {(options?.sources ?? []).map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('import.closeInDays')}
          <input type="number" name="days" min={1} max={730} defaultValue={60} />
        </label>
        <fieldset>
          <legend>{t('import.reps')}</legend>
          {reps.map((rep) => (
            <label key={rep.id} className="checkbox">
              <input type="checkbox" name="rep" value={rep.id} defaultChecked />
              {rep.name}
            </label>
          ))}
        </fieldset>
        <label>
          {t('import.strategy')}
          <select name="strategy" defaultValue="ROUND_ROBIN">
            <option value="ROUND_ROBIN">{t('import.roundRobin')}</option>
            <option value="FEWEST_OPEN">{t('import.fewestOpen')}</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={upload !== null}>{t('import.start')}</button>
        {upload !== null && <progress value={upload} max={1} aria-label={t('import.uploading')} />}
        {problem && <p role="alert" className="form-error">{problem}</p>}
      </form>
      {job && (
        <section className="panel" aria-labelledby="job-title">
          <h2 id="job-title">{job.filename} · {job.encoding}</h2>
          <progress value={job.percentDone} max={100} aria-label={t('import.progress')} data-testid="import-progress" />
          <p data-testid="import-status">
            {t('import.summary', { status: t(`import.status.${job.status}` as MessageKey), created: job.created, total: job.totalRows, problems: job.problems.length, duplicates: job.duplicates.length })}
          </p>
          {hasResults && (
            <button type="button" onClick={() => void exportRows()}>{t('importResults.export')}</button>
          )}
          {(job.problems.length > 0 || job.duplicates.length > 0) && (
            <>
              <table data-testid="import-problems">
                <thead>
                  <tr>
                    <th scope="col">{t('import.line')}</th>
                    <th scope="col">{t('import.kind')}</th>
                    <th scope="col">{t('import.field')}</th>
                    <th scope="col">{t('import.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.problems.map((p) => (
                    <tr key={`p${p.line}${p.field ?? ''}`}>
                      <td>{p.line}</td><td>{t('import.error')}</td><td>{p.field}</td><td>{p.reason}</td>
                    </tr>
                  ))}
                  {job.duplicates.map((d) => (
                    <tr key={`d${d.line}`}>
                      <td>{d.line}</td><td>{t('import.duplicate')}</td><td>{d.earlierLine ?? ''}</td><td>{d.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {FINISHED.has(job.status) && <ImportLinks links={job.links} />}
        </section>
      )}
      {!options && <p aria-busy="true">{t('board.loading')}</p>}
    </div>
  );
}
