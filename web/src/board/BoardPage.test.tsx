// A live move redraws the card that moved, not the board: the page runs on the real client and
// cache, with the API answered at its edge (fetch for queries, a pushed subscription message).
import { useDraggable } from '@dnd-kit/core';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { Client, fetchExchange, Provider, subscriptionExchange } from 'urql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { makeCache } from '../api/cache';
import { initI18n } from '../i18n';
import * as format from '../lib/format';
import { BoardPage } from './BoardPage';

const STAGES = [
  { __typename: 'Stage', key: 'lead', nameZh: '潛在', nameEn: 'Lead', kind: 'OPEN', position: 1, retired: false, probability: 10 },
  { __typename: 'Stage', key: 'quote', nameZh: '報價', nameEn: 'Quote', kind: 'OPEN', position: 2, retired: false, probability: 40 },
  { __typename: 'Stage', key: 'won', nameZh: '贏單', nameEn: 'Won', kind: 'WON', position: 3, retired: false, probability: 100 },
];

const CARDS = Array.from({ length: 30 }, (_, i) => ({
  __typename: 'Opportunity', id: `o${i}`, title: `Deal ${i}`, customerName: `Customer ${i}`, version: 1,
  ownerId: 'u1', team: 'north', sourceId: null, status: 'OPEN', pipelineId: 'p1',
  value: { __typename: 'Money', amount: `${1000 + i}.00`, currency: 'TWD' },
  stage: { __typename: 'StageRef', key: 'lead', nameZh: '潛在', nameEn: 'Lead', kind: 'OPEN' },
  probability: { __typename: 'Probability', effective: 10 },
  expectedCloseDate: '2099-01-01', overdue: false, rotting: false, owner: { __typename: 'User', id: 'u1', name: 'Mei' },
}));

const ANSWERS: Record<string, unknown> = {
  Pipelines: {
    viewer: { __typename: 'Viewer', userId: 'u1', role: 'REP', team: 'north', name: 'Mei' },
    pipelines: [
      { __typename: 'Pipeline', id: 'p1', name: 'Sales', isDefault: true, alertDaysBeforeClose: 7, stages: STAGES, lostReasons: [] },
    ],
  },
  Board: {
    opportunities: {
      __typename: 'OpportunityConnection', totalCount: CARDS.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, nodes: CARDS,
    },
  },
  BoardFilterOptions: { users: [], sources: [] },
};

function apiEdge() {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    // Queries short enough go as GET, the rest as POST.
    const operationName = init.body
      ? (JSON.parse(String(init.body)) as { operationName: string }).operationName
      : new URL(url).searchParams.get('operationName')!;
    return new Response(JSON.stringify({ data: ANSWERS[operationName] }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  let push: (value: unknown) => void = () => {};
  const client = new Client({
    url: 'http://gateway.test/graphql',
    exchanges: [
      makeCache(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: () => ({
          subscribe(sink) {
            push = (value) => sink.next(value as never);
            return { unsubscribe: () => {} };
          },
        }),
      }),
    ],
  });
  return { client, push: (value: unknown) => push(value) };
}

function column(stage: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-testid=column][data-stage="${stage}"]`)!;
}

// Each card's face formats its close date once per drawing, and each card asks to be draggable
// once per drawing of its frame: the counts of drawings.
vi.mock('../lib/format', async (original) => {
  const actual = await original<typeof import('../lib/format')>();
  return { ...actual, formatDate: vi.fn(actual.formatDate) };
});
vi.mock('@dnd-kit/core', async (original) => {
  const actual = await original<typeof import('@dnd-kit/core')>();
  return { ...actual, useDraggable: vi.fn(actual.useDraggable) };
});

const faces = () => vi.mocked(format.formatDate).mock.calls.length;
const frames = () => vi.mocked(useDraggable).mock.calls.length;

beforeEach(() => {
  vi.mocked(format.formatDate).mockClear();
  vi.mocked(useDraggable).mockClear();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function showBoard(): Promise<(value: unknown) => void> {
  const { client, push } = apiEdge();
  render(
    <I18nextProvider i18n={initI18n('en')}>
      <Provider value={client}>
        <BoardPage />
      </Provider>
    </I18nextProvider>,
  );
  expect(await within(await screen.findByTestId('board')).findByText('Deal 29')).toBeTruthy();
  return push;
}

describe('the board, as cards move', () => {
  it('redraws no card face when a card is picked up, only the one shown under the pointer', async () => {
    await showBoard();
    const before = faces();
    fireEvent.keyDown(screen.getByRole('button', { name: /Deal 5\b/ }), { code: 'Space', key: ' ' });
    expect(await screen.findByText(/^Picked up Deal 5\.$/)).toBeTruthy();
    expect(faces() - before).toBe(1); // the card drawn in the drag overlay
  });

  it('redraws only the card a live change moved', async () => {
    const push = await showBoard();
    const [facesBefore, framesBefore] = [faces(), frames()];
    expect(facesBefore).toBeGreaterThanOrEqual(CARDS.length);

    const moved = CARDS[3]!;
    await act(async () =>
      push({
        data: {
          opportunityChanged: {
            __typename: 'OpportunityChange', eventId: 'e1', type: 'opportunity.stage_changed', sequence: 2,
            opportunity: {
              __typename: 'OpportunitySnapshot', id: moved.id, title: moved.title, customerName: moved.customerName,
              ownerId: 'u1', team: 'north', sourceId: null, pipelineId: 'p1', status: 'OPEN', probability: 40,
              expectedCloseDate: moved.expectedCloseDate, version: 2,
              stage: { __typename: 'LiveStage', key: 'quote', kind: 'OPEN', name: 'Quote' },
              value: moved.value, owner: moved.owner,
            },
          },
        },
      }),
    );

    expect(await within(column('quote')).findByText('Deal 3')).toBeTruthy();
    expect(within(column('lead')).queryByText('Deal 3')).toBeNull();
    expect(faces() - facesBefore).toBe(1);
    expect(frames() - framesBefore).toBe(1);
  });
});
