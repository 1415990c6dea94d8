// A report as a CSV file from the gateway's export route (`/export/{report}.csv`), which renders
// it scoped by role exactly as the GraphQL report is. The route needs the bearer token, so a plain
// link cannot work: the console fetches the file and saves it from a Blob.
import { type ApiProblem, messageFor } from '../api/errors';
import type { MessageKey } from '../i18n/en';

export const REPORTS = [
  'appraisal',
  'overdue',
  'time-in-stage',
  'source-value',
  'forecast',
  'calibration',
  'lost-reasons',
] as const;
export type ReportName = (typeof REPORTS)[number];

/** UTF-8 (with a byte-order mark) for current Excel and Google Sheets; Big5 for older Excel in Taiwan. */
export type CsvEncoding = 'utf-8' | 'big5';

/** The filters on screen: `from`/`to` are instants (ISO 8601 with a zone), as the API takes them. */
export interface ExportFilter {
  from: string;
  to: string;
  pipelineId?: string | undefined;
  team?: string | undefined;
}

export interface ExportRequest {
  url: string;
  headers: Record<string, string>;
}

export function exportRequest(
  report: ReportName,
  filter: ExportFilter,
  encoding: CsvEncoding,
  token: string | null,
  language: string,
): ExportRequest {
  const query = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.pipelineId) query.set('pipeline', filter.pipelineId);
  if (filter.team) query.set('team', filter.team);
  query.set('encoding', encoding);
  // Column labels come in the console's language, which may differ from the browser's.
  const headers: Record<string, string> = { accept: 'text/csv', 'accept-language': language };
  if (token) headers.authorization = `Bearer ${token}`;
  return { url: `/export/${report}.csv?${query.toString()}`, headers };
}

/** A day as the user picked it, e.g. "2026-01-01". */
export interface ExportPeriod {
  fromDay: string;
  toDay: string;
}

/** e.g. "pipewise-appraisal-2026-01-01-to-2026-12-07-north-big5.csv". */
export function exportFileName(report: ReportName, period: ExportPeriod, team: string | undefined, encoding: CsvEncoding): string {
  // Characters Windows and macOS refuse in a file name become "-"; Chinese team names stay.
  const safe = (text: string) => text.trim().replace(/[\\/:*?"<>|\s]+/g, '-');
  const parts = ['pipewise', report, `${period.fromDay}-to-${period.toDay}`];
  if (team) parts.push(safe(team));
  if (encoding === 'big5') parts.push('big5');
  return `${parts.join('-')}.csv`;
}

const BY_STATUS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED' };

/** A refused export as the API's error code: from the body the gateway sends, else from the status;
 * the seconds to wait (Retry-After) go in the details. */
export function exportProblem(status: number, body: string, retryAfter: string | null): ApiProblem {
  let problem: ApiProblem | undefined;
  try {
    const first = (JSON.parse(body) as { errors?: { message?: string; extensions?: { code?: string; details?: Record<string, unknown> } }[] })
      .errors?.[0];
    if (first?.extensions?.code) {
      problem = { code: first.extensions.code, message: first.message ?? '', details: first.extensions.details };
    }
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  problem ??= {
    code: BY_STATUS[status] ?? (status >= 500 ? 'SERVICE_UNAVAILABLE' : 'UNKNOWN'),
    message: `HTTP ${status}`,
    details: undefined,
  };
  const seconds = retryAfter == null ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) problem.details = { ...problem.details, retryAfter: Math.ceil(seconds) };
  return problem;
}

type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

/** What the user reads when an export is refused: the code's message, then when to try again. */
export function exportFailureText(problem: ApiProblem, t: Translate): string {
  const message = messageFor(problem, t);
  const seconds = problem.details?.retryAfter;
  return typeof seconds === 'number' ? `${message} ${t('reports.exportRetry', { seconds })}` : message;
}

export type ExportOutcome = { ok: true } | { ok: false; problem: ApiProblem };

/** Fetches the file and hands it to the browser's download; the bytes are kept as sent (BOM or Big5). */
export async function downloadReport(request: ExportRequest, fileName: string): Promise<ExportOutcome> {
  let response: Response;
  try {
    response = await fetch(request.url, { headers: request.headers });
  } catch (error) {
    return { ok: false, problem: { code: 'NETWORK', message: String(error), details: undefined } };
  }
  if (!response.ok) {
    return { ok: false, problem: exportProblem(response.status, await response.text(), response.headers.get('retry-after')) };
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; the URL is freed once the browser has it.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return { ok: true };
}
