// Fails when src/gql/ is not what the operations and gateway/schema.graphql generate now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'pipewise-gql-'));
try {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], {
    env: { ...process.env, CODEGEN_OUT: `${fresh}/` },
    stdio: 'inherit',
  });
  const committed = 'src/gql';
  const names = new Set([...readdirSync(fresh), ...readdirSync(committed)]);
  const stale = [...names].filter((name) => {
    try {
      return readFileSync(join(fresh, name), 'utf8') !== readFileSync(join(committed, name), 'utf8');
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`Generated GraphQL types are stale (${stale.join(', ')}): run \`npm run codegen\` in web/.`);
    process.exit(1);
  }
  console.log('Generated GraphQL types are up to date.');
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
