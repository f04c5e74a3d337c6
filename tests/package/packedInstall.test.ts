// The package as a store's own repository gets it: `npm pack`, installed from the tarball
// into a fresh project whose store is plain JavaScript, and its bin run there. The same
// commands run from this repository in the same folder must print the same verdicts.
// An npm install makes it take minutes, so it runs as `npm run test:package` (CI runs it
// after `npm test`), not in `npm test`.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { HEAP_VERDICT_NODE_FLAGS } from '../../src/child/nodeFlags.js';
import { TSX_LOADER } from '../../src/child/tsxLoader.js';
import { REPO_ROOT } from '../../src/repoRoot.js';
import { temporaryDir } from '../support/tempDir.js';

const STORE = './lib/store.js';
/** Packages in the installed tree with install scripts, each refused as this repository refuses them. */
const REFUSED_SCRIPTS = { esbuild: false, puppeteer: false, sleep: false };

const root = temporaryDir('sync-harness-package-');
const project = join(root, 'project');

/** npm's own settings for the `npm run` that started this test stay out of the npm and node it starts. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, NIGHTLY_RUNS: '', REPORTS_DIR: '', ...extra };
}

function run(command: string, args: readonly string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout });
  if (result.error) throw result.error;
  return result;
}

function succeed(command: string, args: readonly string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  }
  return result.stdout;
}

/** The installed copy, through its bin as `npx` finds it. */
function installed(args: readonly string[]): SpawnSyncReturns<string> {
  return run('npx', ['--no-install', 'session-sync-harness', ...args], project);
}

/** This repository's command line, run in the same project folder. */
function fromRepository(args: readonly string[]): SpawnSyncReturns<string> {
  const main = join(REPO_ROOT, 'src/cli/main.ts');
  return run(process.execPath, [...HEAP_VERDICT_NODE_FLAGS, '--import', TSX_LOADER, main, ...args], project);
}

/**
 * What must not differ between the two copies: every line, once timings, the heap slope
 * (a measurement of this process), report folders' time stamps and the replay command's
 * spelling are set aside.
 */
function verdictLines(stdout: string): string[] {
  return stdout
    .replace(/\d+(\.\d+)? s\b/g, '<t> s')
    .replace(/heap slope -?\d+/g, 'heap slope <n>')
    .replace(/\d{4}-\d\d-\d\dT[\d-]+Z/g, '<stamp>')
    .replace(/npm run replay -- /g, 'session-sync-harness replay ')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Runs a command from both copies, each with an empty reports folder in the project. */
function bothCopies(args: readonly string[]) {
  rmSync(join(project, 'reports'), { recursive: true, force: true });
  const repository = fromRepository(args);
  rmSync(join(project, 'reports'), { recursive: true, force: true });
  const copy = installed(args);
  return { repository, copy };
}

beforeAll(() => {
  mkdirSync(join(project, 'lib'), { recursive: true });
  const packed = JSON.parse(succeed('npm', ['pack', '--json', '--pack-destination', root], REPO_ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const tarball = packed[0];
  if (!tarball) throw new Error('npm pack wrote no tarball');
  writeFileSync(join(root, 'files.json'), JSON.stringify(tarball.files.map((file) => file.path)));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'my-session-store',
      version: '1.2.3',
      private: true,
      type: 'module',
      allowScripts: REFUSED_SCRIPTS,
    }),
  );
  copyFileSync(join(REPO_ROOT, 'tests/package/fixtures/readAgainStore.js'), join(project, STORE));
  succeed(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', join(root, tarball.filename)],
    project,
  );
}, 600_000);

describe('the packed package, installed in a store author’s project', () => {
  test('the tarball holds the bin and the sources it runs, not the tests or the repository’s tooling', () => {
    const files = JSON.parse(readFileSync(join(root, 'files.json'), 'utf8')) as string[];
    for (const needed of [
      'bin/session-sync-harness.mjs',
      'src/cli/main.ts',
      'src/stores/CustomStoreModule.ts',
      'soak/runStoreSoak.ts',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((file) => /^(tests|properties|bench|docs|\.github|\.ci)\//.test(file))).toEqual([]);
    expect(existsSync(join(project, 'node_modules/session-sync-harness/node_modules/vitest'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/vitest'))).toBe(false);
  });

  test('props prints the same verdicts as this repository for the same seed, and its counterexample replays', () => {
    const args = ['props', '--store', STORE, '--runs', '200', '--seed', '7'];
    const { repository, copy } = bothCopies(args);
    expect(repository.status, repository.stderr).toBe(1);
    expect(copy.status, copy.stderr).toBe(1);
    expect(copy.stdout).toMatch(/^PASS conformance against \.\/lib\/store\.js: holds over 200 cases/m);
    expect(copy.stdout).toMatch(
      /^FAIL freed against \.\/lib\/store\.js: .*\(my-session-store 1\.2\.3\) still holds 1 dead session/m,
    );
    expect(verdictLines(copy.stdout)).toEqual(verdictLines(repository.stdout));
    // Reports go to the project's own folder, and the printed replay is the bin's.
    const [file] = readdirSync(join(project, 'reports/counterexamples'));
    expect(file).toBeDefined();
    expect(copy.stdout).toContain(`replay: session-sync-harness replay reports/counterexamples/${file}`);
    const replay = installed(['replay', `reports/counterexamples/${file}`, '--store', STORE]);
    expect(replay.status, replay.stderr).toBe(1);
  });

  test('soak prints the same verdict as this repository, with the count of dead sessions kept', () => {
    const { repository, copy } = bothCopies(['soak', '--store', STORE, '--cycles', '10']);
    expect(repository.status, repository.stderr).toBe(1);
    expect(copy.status, copy.stderr).toBe(1);
    expect(copy.stdout).toMatch(/^LEAK: logins under \.\/lib\/store\.js, 10 cycles/m);
    expect(copy.stdout).toMatch(/deadSessionsRetained: [1-9]\d* sessions \(limit 0\)/);
    expect(verdictLines(copy.stdout)).toEqual(verdictLines(repository.stdout));
    expect(readdirSync(join(project, 'reports/soak'))).toHaveLength(1);
  });

  test('the bin offers the store commands only, and says so', () => {
    const other = installed(['nightly']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/unknown command "nightly"; expected one of props, soak, replay/);
    const help = installed(['props', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: session-sync-harness props \[options\]/m);
  });

  test('its exports give the custom-store contract types, and a wrong store module does not type-check', () => {
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, types: [] },
        files: ['adapter.ts'],
      }),
    );
    const adapter = (forgets: string) =>
      [
        "import type { CallbackStore, CustomStoreModule, StoreContext } from 'session-sync-harness';",
        'const store: CallbackStore = { get() {}, set() {}, destroy() {} };',
        'export const adapter: CustomStoreModule = {',
        '  createStore: (_context: StoreContext) => store,',
        `  forgetsExpiredWithinMs: ${forgets},`,
        '};',
      ].join('\n');
    writeFileSync(join(project, 'adapter.ts'), adapter('60_000'));
    const good = run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    expect(good.status, good.stdout).toBe(0);
    writeFileSync(join(project, 'adapter.ts'), adapter("'a minute'"));
    const bad = run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/adapter\.ts.*Type 'string' is not assignable to type 'number'/s);
  });
});
