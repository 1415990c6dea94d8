// Timing each hop of a live move, for the board benchmark: what each browser saw and when (an
// init script records the move's request, every subscription message and every card drawn), and
// when the broker delivered each event (tests/e2e/event_probe.py, a consumer of its own on the
// system's exchange). All times are milliseconds since the epoch, on one machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Page } from '@playwright/test';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface PageHops {
  requests: { op: string; sent: number; answered: number }[];
  pushes: { id: string; stage: string; at: number }[];
  drawn: { id: string; stage: string; at: number; frame: number }[];
}

declare global {
  interface Window {
    __hops: PageHops;
  }
}

/** Runs in the page before its own scripts (page.addInitScript). */
function recordHops(): void {
  const now = () => performance.timeOrigin + performance.now();
  const hops: PageHops = { requests: [], pushes: [], drawn: [] };
  window.__hops = hops;
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Added before graphql-ws sets onmessage, so it runs first: the arrival, not the handling.
      this.addEventListener('message', (event: MessageEvent) => {
        const at = now();
        if (typeof event.data !== 'string' || !event.data.includes('opportunityChanged')) return;
        const live = JSON.parse(event.data).payload?.data?.opportunityChanged?.opportunity;
        if (live) hops.pushes.push({ id: live.id, stage: live.stage.key, at });
      });
    }
  };
  const nativeFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const op = /"operationName":"(\w+)"/.exec(typeof init?.body === 'string' ? init.body : '')?.[1] ?? '';
    const request = { op, sent: now(), answered: 0 };
    if (op) hops.requests.push(request);
    const response = await nativeFetch(input, init);
    request.answered = now();
    return response;
  };
  const noteCard = (card: Element, at: number) => {
    const id = card.getAttribute('data-card-id');
    const stage = card.closest('[data-testid=column]')?.getAttribute('data-stage');
    if (!id || !stage) return;
    const entry = { id, stage, at, frame: 0 };
    hops.drawn.push(entry);
    requestAnimationFrame(() => (entry.frame = now()));
  };
  new MutationObserver((records) => {
    const at = now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches('[data-testid=card]')) noteCard(node, at);
        else for (const card of node.querySelectorAll('[data-testid=card]')) noteCard(card, at);
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

export async function recordHopsIn(page: Page): Promise<void> {
  await page.addInitScript(recordHops);
}

export async function hopsOf(page: Page): Promise<PageHops> {
  return page.evaluate(() => window.__hops);
}

/** Waits until the page drew the card in the stage (after `since`) and the next frame began. */
export async function drawnIn(page: Page, id: string, stage: string, since: number): Promise<void> {
  await page.waitForFunction(
    ([id, stage, since]) => window.__hops.drawn.some((d) => d.id === id && d.stage === stage && d.at >= since && d.frame > 0),
    [id, stage, since] as const,
    { timeout: 30_000, polling: 20 },
  );
}

/** Waits until the page has the answer to its request of that operation sent after `since`. */
export async function answered(page: Page, op: string, since: number): Promise<void> {
  await page.waitForFunction(
    ([op, since]) => window.__hops.requests.some((r) => r.op === op && r.sent >= since && r.answered > 0),
    [op, since] as const,
    { timeout: 30_000, polling: 20 },
  );
}

export interface Delivery {
  id: string;
  subject: string;
  type: string;
  sequence: number;
  stamped: number;
  delivered: number;
}

export class EventProbe {
  readonly deliveries: Delivery[] = [];
  private constructor(private readonly child: ChildProcess) {}

  static async start(exchange: string): Promise<EventProbe> {
    const python = process.env.PYTHON ?? resolve(ROOT, '.venv/bin/python');
    const child = spawn(python, ['-m', 'tests.e2e.event_probe', exchange], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const probe = new EventProbe(child);
    const lines = createInterface({ input: child.stdout! });
    await new Promise<void>((ready, fail) => {
      lines.on('line', (line) => {
        const parsed = JSON.parse(line) as Delivery | { ready: true };
        if ('ready' in parsed) ready();
        else probe.deliveries.push(parsed);
      });
      child.once('exit', (code) => fail(new Error(`the event probe exited (${code})`)));
    });
    return probe;
  }

  async delivery(subject: string, type: string, since: number): Promise<Delivery> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = this.deliveries.find((d) => d.subject === subject && d.type === type && d.delivered >= since);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} of ${subject} delivered`);
      await new Promise((wake) => setTimeout(wake, 10));
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.stdin!.end();
    await exited;
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** One line per hop: its p50 and p95 over the moves. */
export function hopTable(hops: [string, number[]][]): string {
  const width = Math.max(...hops.map(([name]) => name.length));
  return hops
    .map(([name, values]) => {
      const fmt = (v: number) => `${Math.round(v)}`.padStart(5);
      return `  ${name.padEnd(width)}  p50 ${fmt(percentile(values, 50))} ms  p95 ${fmt(percentile(values, 95))} ms`;
    })
    .join('\n');
}
