import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { clientAnswering } from '../admin/testServer';
import { initI18n } from '../i18n';
import { CalibrationReport, gap } from './CalibrationReport';

// jsdom has no canvas: the chart is drawn in the browser tests; here, the table and the choices.
vi.mock('./BarChart', () => ({ BarChart: ({ title }: { title: string }) => <div role="img" aria-label={title} /> }));

const stage = (stageKey: string, position: number, configuredProbability: number, closed: number, won: number) => ({
  __typename: 'StageCalibration', stageKey, stageName: stageKey, position, configuredProbability,
  reachedAndClosed: closed, won, observedWinRate: closed ? String(won / closed) : null,
});
const CALIBRATION = [{
  __typename: 'PipelineCalibration', pipelineId: 'p1', pipelineName: 'Sales',
  stages: [stage('quote', 2, 75, 4, 2), stage('discover', 1, 10, 10, 2)],
  bySource: [
    { __typename: 'SourceCalibration', sourceId: 's1', sourceName: 'Computex', stages: [stage('discover', 1, 10, 4, 2), stage('quote', 2, 75, 2, 2)] },
    { __typename: 'SourceCalibration', sourceId: '', sourceName: '(no source)', stages: [stage('discover', 1, 10, 0, 0), stage('quote', 2, 75, 0, 0)] },
  ],
}];

afterEach(cleanup);

function show(language: 'en' | 'zh-TW') {
  const { client } = clientAnswering(() => ({ data: { calibration: CALIBRATION } }));
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <Provider value={client}>
        <CalibrationReport filter={{}} />
      </Provider>
    </I18nextProvider>,
  );
}

const observed = () =>
  within(screen.getByTestId('calibration-table')).getAllByTestId('observed').map((cell) => cell.textContent);

describe('the calibration report', () => {
  it('puts each stage probability beside the observed win rate, stage by stage and by source', async () => {
    show('en');
    await screen.findByRole('row', { name: /discover/ });
    expect(observed()).toEqual(['20%', '50%']);
    expect(within(screen.getByRole('row', { name: /quote/ })).getByText('-25')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 's1' } });
    expect(observed()).toEqual(['50%', '100%']);
  });

  it('names the deals without a source in Traditional Chinese, with no rate where none closed', async () => {
    show('zh-TW');
    await screen.findByRole('row', { name: /discover/ });
    fireEvent.change(screen.getByLabelText('來源'), { target: { value: '' } });
    expect(screen.getByRole('option', { name: '（無來源）' })).toBeTruthy();
    expect(observed()).toEqual(['—', '—']);
  });

  it('measures the gap in percentage points', () => {
    expect(gap({ observedWinRate: '0.5', configuredProbability: 75 })).toBe(-25);
    expect(gap({ observedWinRate: null, configuredProbability: 75 })).toBeNull();
  });
});
