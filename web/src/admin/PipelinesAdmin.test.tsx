import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';

import { makeCache } from '../api/cache';
import { initI18n } from '../i18n';
import { PipelinesAdmin } from './PipelinesAdmin';
import { clientAnswering, type Handler } from './testServer';

const stage = (key: string, nameEn: string, nameZh: string, position: number, extra: Record<string, unknown> = {}) => ({
  __typename: 'Stage', key, nameEn, nameZh, position, kind: 'OPEN', probability: 20, rottingDays: null, retired: false, ...extra,
});
const PIPELINE = {
  __typename: 'Pipeline', id: 'p1', name: 'Sales', isDefault: true, alertDaysBeforeClose: 7, version: 4,
  stages: [
    stage('lead', 'Lead', '名單', 0, { probability: 10, rottingDays: 14 }),
    stage('quote', 'Quote', '報價', 1, { probability: 50 }),
    stage('won', 'Won', '贏單', 2, { kind: 'WON', probability: 100 }),
    stage('lost', 'Lost', '輸單', 3, { kind: 'LOST', probability: 0 }),
  ],
  lostReasons: [
    { __typename: 'LostReason', key: 'price', nameEn: 'Price', nameZh: '價格', retired: false },
    { __typename: 'LostReason', key: 'other', nameEn: 'Other', nameZh: '其他', retired: false },
  ],
};

afterEach(cleanup);

function show(language: 'en' | 'zh-TW', handler: Handler) {
  // The console's own cache: a mutation's answer must reach what is on screen without a refetch.
  const { client, sent } = clientAnswering(handler, makeCache());
  render(
    <I18nextProvider i18n={initI18n(language)}>
      <Provider value={client}>
        <PipelinesAdmin />
      </Provider>
    </I18nextProvider>,
  );
  return sent;
}

const refusal = (code: string) => ({ errors: [{ message: code, extensions: { code } }] });
const rowNames = () => within(screen.getByTestId('stage-list')).getAllByRole('rowheader').map((h) => h.textContent);

describe('pipelines and stages', () => {
  it('sends only the probability when only it changes, with the version shown', async () => {
    const sent = show('en', (operation) =>
      operation === 'UpdateStage'
        ? { data: { updateStage: { ...PIPELINE, version: 5, stages: PIPELINE.stages.map((s) => (s.key === 'quote' ? { ...s, probability: 60 } : s)) } } }
        : { data: { pipelines: [PIPELINE] } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Quote' }));
    const form = screen.getByTestId('stage-form');
    fireEvent.change(within(form).getByLabelText('Probability'), { target: { value: '60' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the stage' }));
    expect(await screen.findByText('Quote was saved.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'UpdateStage')?.variables).toEqual({
      input: { pipelineId: 'p1', expectedVersion: 4, key: 'quote', probability: 60 },
    });
    expect(within(screen.getByRole('row', { name: /Quote/ })).getByText('60%')).toBeTruthy();
  });

  it('moves a stage with its keyboard-reachable buttons and shows the new order', async () => {
    const reordered = [PIPELINE.stages[1], PIPELINE.stages[0], ...PIPELINE.stages.slice(2)].map((s, i) => ({ ...s, position: i }));
    const sent = show('en', (operation) =>
      operation === 'ReorderStages'
        ? { data: { reorderStages: { ...PIPELINE, version: 5, stages: reordered } } }
        : { data: { pipelines: [PIPELINE] } },
    );
    expect((await screen.findByRole('button', { name: 'Move Lead up' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Move Quote up' }));
    expect(await screen.findByText('The new order was saved.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'ReorderStages')?.variables).toEqual({
      input: { pipelineId: 'p1', expectedVersion: 4, stageKeys: ['quote', 'lead', 'won', 'lost'] },
    });
    expect(rowNames()).toEqual(['Quote', 'Lead', 'Won', 'Lost']);
  });

  it('shows a stale version refusal in Chinese and reads the pipeline again', async () => {
    const sent = show('zh-TW', (operation) => (operation === 'RetireStage' ? refusal('CONFLICT') : { data: { pipelines: [PIPELINE] } }));
    fireEvent.click(await screen.findByRole('button', { name: '停用「報價」' }));
    expect((await screen.findByRole('alert')).textContent).not.toBe('');
    expect(sent.filter((c) => c.operation === 'AdminPipelines').length).toBe(2);
    expect(rowNames()).toEqual(['名單', '報價', '贏單', '輸單']);
  });

  it('adds a stage with its kind and leaves rotting days out when blank', async () => {
    const sent = show('en', (operation) =>
      operation === 'AddStage'
        ? { data: { addStage: { ...PIPELINE, version: 5, stages: [...PIPELINE.stages, stage('trial', 'Trial', '試用', 4)] } } }
        : { data: { pipelines: [PIPELINE] } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Add a stage' }));
    const form = screen.getByTestId('new-stage-form');
    fireEvent.change(within(form).getByLabelText('Key (a-z, 0-9, _)'), { target: { value: 'trial' } });
    fireEvent.change(within(form).getByLabelText('Name (Chinese)'), { target: { value: '試用' } });
    fireEvent.change(within(form).getByLabelText('Name (English)'), { target: { value: 'Trial' } });
    fireEvent.change(within(form).getByLabelText('Probability'), { target: { value: '20' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a stage' }));
    expect(await screen.findByText('Trial was added.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'AddStage')?.variables).toEqual({
      input: { pipelineId: 'p1', expectedVersion: 4, stage: { key: 'trial', nameZh: '試用', nameEn: 'Trial', probability: 20, kind: 'OPEN' } },
    });
  });

  it('renames the pipeline and changes its alert days', async () => {
    const sent = show('en', (operation) =>
      operation === 'UpdatePipeline'
        ? { data: { updatePipeline: { ...PIPELINE, name: 'Export', alertDaysBeforeClose: 10, version: 5 } } }
        : { data: { pipelines: [PIPELINE] } },
    );
    const form = await screen.findByTestId('pipeline-form');
    fireEvent.change(within(form).getByLabelText('Pipeline name'), { target: { value: 'Export' } });
    fireEvent.change(within(form).getByLabelText('Alert days before close'), { target: { value: '10' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the pipeline' }));
    expect(await screen.findByText('Export was saved.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'UpdatePipeline')?.variables).toEqual({
      input: { pipelineId: 'p1', expectedVersion: 4, name: 'Export', alertDaysBeforeClose: 10 },
    });
  });

  it('adds a lost reason and stops offering one; "other" always stays', async () => {
    const retired = PIPELINE.lostReasons.map((r) => (r.key === 'price' ? { ...r, retired: true } : r));
    const sent = show('en', (operation) =>
      operation === 'RetireLostReason'
        ? { data: { retireLostReason: { ...PIPELINE, version: 5, lostReasons: retired } } }
        : operation === 'AddLostReason'
          ? { data: { addLostReason: { ...PIPELINE, version: 6, lostReasons: [...retired, { __typename: 'LostReason', key: 'timing', nameEn: 'Timing', nameZh: '時機', retired: false }] } } }
          : { data: { pipelines: [PIPELINE] } },
    );
    const reasons = await screen.findByTestId('lost-reasons');
    expect(within(reasons).queryByRole('button', { name: 'Stop offering Other' })).toBeNull();
    fireEvent.click(within(reasons).getByRole('button', { name: 'Stop offering Price' }));
    expect(await within(reasons).findByText('Price is no longer offered; its history stays.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'RetireLostReason')?.variables).toEqual({ input: { pipelineId: 'p1', expectedVersion: 4, key: 'price' } });
    fireEvent.change(within(reasons).getByLabelText('Key (a-z, 0-9, _)'), { target: { value: 'timing' } });
    fireEvent.change(within(reasons).getByLabelText('Name (Chinese)'), { target: { value: '時機' } });
    fireEvent.change(within(reasons).getByLabelText('Name (English)'), { target: { value: 'Timing' } });
    fireEvent.click(within(reasons).getByRole('button', { name: 'Add the reason' }));
    expect(await within(reasons).findByText('Timing was added.')).toBeTruthy();
    expect(sent.find((c) => c.operation === 'AddLostReason')?.variables).toEqual({
      input: { pipelineId: 'p1', expectedVersion: 5, key: 'timing', nameZh: '時機', nameEn: 'Timing' },
    });
    expect(within(reasons).getByText(/Price \(retired\)/)).toBeTruthy();
  });
});
