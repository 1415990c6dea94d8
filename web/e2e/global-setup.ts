// Starts the whole system (tests/e2e/console_system.py: every process, the embedded database,
// the gateway serving web/dist, the demo seeded, and a second gateway signing in through a test
// OpenID Connect provider) and stops it after the tests.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.PIPEWISE_URL) return async () => {}; // a system someone already runs
  const python = process.env.PYTHON ?? resolve(ROOT, '.venv/bin/python');
  const system = spawn(python, ['-m', 'tests.e2e.console_system'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, CONSOLE_DIR: resolve(ROOT, 'web/dist') },
  });
  const first = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: system.stdout! });
    lines.once('line', done);
    system.once('exit', (code) => fail(new Error(`the system exited (${code}) before it was ready`)));
  });
  const { url, exchange, oidcUrl, identityProvider } = JSON.parse(first) as {
    url: string; exchange: string; oidcUrl: string; identityProvider: string;
  };
  process.env.PIPEWISE_URL = url;
  process.env.PIPEWISE_EXCHANGE = exchange; // the benchmark watches the events on it
  // The same system behind a production-mode gateway that signs in with a test identity provider.
  process.env.PIPEWISE_OIDC_URL = oidcUrl;
  process.env.PIPEWISE_IDENTITY_PROVIDER = identityProvider;
  return async () => {
    const exited = new Promise((done) => system.once('exit', done));
    system.stdin!.end();
    await exited;
  };
}
