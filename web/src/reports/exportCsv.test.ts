import { describe, expect, it } from 'vitest';

import { initI18n } from '../i18n';
import { zhTW } from '../i18n/zh-TW';
import { exportFailureText, exportFileName, exportProblem, exportRequest } from './exportCsv';

const FILTER = { from: '2025-12-31T16:00:00.000Z', to: '2026-12-07T16:00:00.000Z' };

describe('a report CSV request', () => {
  it('asks the gateway for the report with the filters on screen, the encoding and the bearer token', () => {
    const { url, headers } = exportRequest('source-value', { ...FILTER, pipelineId: 'p-1', team: '北區 North' }, 'big5', 'tok', 'zh-TW');
    const parsed = new URL(url, 'https://pipewise.example');
    expect(parsed.pathname).toBe('/export/source-value.csv');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({
      from: FILTER.from,
      to: FILTER.to,
      pipeline: 'p-1',
      team: '北區 North',
      encoding: 'big5',
    });
    expect(headers).toEqual({ accept: 'text/csv', 'accept-language': 'zh-TW', authorization: 'Bearer tok' });
  });

  it('leaves out the filters not set, and sends no token when signed out', () => {
    const { url, headers } = exportRequest('appraisal', { ...FILTER, pipelineId: undefined, team: '' }, 'utf-8', null, 'en');
    const parsed = new URL(url, 'https://pipewise.example');
    expect([...parsed.searchParams.keys()]).toEqual(['from', 'to', 'encoding']);
    expect(parsed.searchParams.get('encoding')).toBe('utf-8');
    expect(headers.authorization).toBeUndefined();
  });
});

describe('a report CSV file name', () => {
  const period = { fromDay: '2026-01-01', toDay: '2026-12-07' };

  it('names the report, the period, the team and a Big5 file', () => {
    expect(exportFileName('appraisal', period, undefined, 'utf-8')).toBe('pipewise-appraisal-2026-01-01-to-2026-12-07.csv');
    expect(exportFileName('forecast', period, '北區 North', 'big5')).toBe('pipewise-forecast-2026-01-01-to-2026-12-07-北區-North-big5.csv');
  });

  it('keeps characters file systems refuse out of the name', () => {
    expect(exportFileName('overdue', period, 'A/B: "C"', 'utf-8')).toBe('pipewise-overdue-2026-01-01-to-2026-12-07-A-B-C-.csv');
  });
});

describe('a refused CSV export', () => {
  const body = (code: string) => JSON.stringify({ data: null, errors: [{ message: 'refused', extensions: { code } }] });

  it('takes the error code the gateway sends', () => {
    expect(exportProblem(403, body('FORBIDDEN'), null)).toEqual({ code: 'FORBIDDEN', message: 'refused', details: undefined });
    expect(exportProblem(503, body('SERVICE_UNAVAILABLE'), null).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('keeps the seconds to wait from Retry-After', () => {
    expect(exportProblem(429, body('RATE_LIMITED'), '7')).toEqual({
      code: 'RATE_LIMITED',
      message: 'refused',
      details: { retryAfter: 7 },
    });
  });

  it('reads the status when the body is not the gateway’s', () => {
    expect(exportProblem(429, 'Too Many Requests', '2.5')).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: 3 } });
    expect(exportProblem(403, '', null).code).toBe('FORBIDDEN');
    expect(exportProblem(502, '<html>Bad Gateway</html>', null).code).toBe('SERVICE_UNAVAILABLE');
    expect(exportProblem(418, '', null).code).toBe('UNKNOWN');
  });

  it('ignores a Retry-After that is a date or nonsense', () => {
    expect(exportProblem(429, body('RATE_LIMITED'), 'Wed, 21 Oct 2026 07:28:00 GMT').details).toBeUndefined();
  });
});

describe('the message for a refused CSV export', () => {
  it('says what the code means and when to try again, in both languages', async () => {
    const i18n = initI18n('en');
    const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values);
    const limited = exportProblem(429, '', '1');
    expect(exportFailureText(limited, t)).toBe('Too many requests; wait a moment and try again. You can try again in 1 second.');
    expect(exportFailureText(exportProblem(429, '', '30'), t)).toMatch(/in 30 seconds\.$/);
    expect(exportFailureText(exportProblem(403, '', null), t)).toBe('Your role does not allow this.');
    await i18n.changeLanguage('zh-TW');
    expect(exportFailureText(limited, t)).toMatch(/請 1 秒後再試。$/);
    expect(exportFailureText(exportProblem(503, '', null), t)).toBe(zhTW['code.SERVICE_UNAVAILABLE']);
  });
});
