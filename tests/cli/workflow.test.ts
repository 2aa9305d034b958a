/** The GitHub Actions workflow: it parses, and runs the npm scripts that exist and that .ci/run runs. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

interface Step { uses?: string; run?: string; name?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { steps: Step[]; needs?: string; if?: string; permissions?: Record<string, string>; strategy?: { matrix?: { node?: number[] } } }
const workflow = parse(readFileSync('.github/workflows/site.yml', 'utf8')) as {
  on: Record<string, any>;
  concurrency: { group: string; 'cancel-in-progress': string | boolean };
  jobs: Record<string, Job>;
};
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

/** `npm run x` and `npm test` in a shell text → script names. */
const npmScripts = (text: string) => [...text.matchAll(/\bnpm (?:run ([\w:-]+)|(test)\b)/g)].map((m) => m[1] ?? m[2]!);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('.github/workflows/site.yml', () => {
  it('runs on pull requests and on pushes to main', () => {
    assert.ok('pull_request' in workflow.on);
    assert.deepEqual(workflow.on.push.branches, ['main']);
  });

  it('names only npm scripts that exist in package.json', () => {
    const used = Object.values(workflow.jobs).flatMap((j) => npmScripts(runs(j)));
    assert.ok(used.length > 0);
    for (const name of used) assert.ok(name in scripts, `npm script “${name}” does not exist`);
  });

  it('checks pull requests with the same npm scripts as .ci/run, validating with annotations first', () => {
    const ci = npmScripts(readFileSync('.ci/run', 'utf8'));
    const check = workflow.jobs.check!;
    const used = npmScripts(runs(check));
    assert.deepEqual(ci.filter((s) => !used.includes(s)), []);
    const validate = check.steps.find((s) => s.run?.includes('npm run validate'))!;
    assert.match(validate.run!, /npm run validate -- --format github/);
    const first = check.steps.findIndex((s) => s.run && /npm run (?!validate)|npm test/.test(s.run));
    assert.ok(check.steps.indexOf(validate) < first, 'annotations come before the other checks');
  });

  it('deploys to GitHub Pages only on a push to main, after the checks passed', () => {
    const deploy = workflow.jobs.deploy!;
    assert.equal(deploy.needs, 'check');
    assert.match(deploy.if!, /github\.event_name == 'push' && github\.ref == 'refs\/heads\/main'/);
    assert.equal(deploy.permissions!.pages, 'write');
    assert.deepEqual(npmScripts(runs(deploy)), ['build']);
    const uses = deploy.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean);
    assert.ok(uses.includes('actions/configure-pages') && uses.at(-2) === 'actions/upload-pages-artifact' && uses.at(-1) === 'actions/deploy-pages');
  });

  it('cancels only superseded pull-request runs, never a run on main', () => {
    const cancel = String(workflow.concurrency['cancel-in-progress']);
    // GitHub evaluates the expression per run; the only one it may be is “is this a pull request”.
    assert.equal(cancel.replace(/\s+/g, ' '), "${{ github.event_name == 'pull_request' }}");
    assert.match(workflow.concurrency.group, /github\.ref/);
  });

  it('runs the checks on the oldest supported Node and a current LTS, and deploys on the LTS', () => {
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    const oldest = Number(/(\d+)/.exec(engines)![1]);
    const nodes = workflow.jobs.check!.strategy!.matrix!.node!;
    assert.ok(nodes.includes(oldest), `matrix ${nodes} has the oldest supported Node ${oldest}`);
    // Even majors are the LTS lines; 22 and 24 are the ones in support when this was written.
    const lts = Math.max(...nodes);
    assert.ok(lts >= 22 && lts % 2 === 0, `matrix ${nodes} has a current LTS`);
    const setup = (job: Job) => job.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with!['node-version'];
    assert.equal(setup(workflow.jobs.check!), '${{ matrix.node }}');
    assert.equal(setup(workflow.jobs.deploy!), lts);
  });

  it('builds for the address Pages gives: canonical links, og:url, sitemap and link prefix', async () => {
    const deploy = workflow.jobs.deploy!;
    const pages = deploy.steps.findIndex((s) => s.uses?.startsWith('actions/configure-pages'));
    const build = deploy.steps.findIndex((s) => s.run?.includes('npm run build'));
    assert.ok(pages >= 0 && pages < build, 'the Pages step runs before the build');
    const id = deploy.steps[pages]!.id!;
    const env = deploy.steps[build]!.env!;
    assert.match(env.NIANBAO_SITE_URL!, new RegExp(`^\\$\\{\\{ steps\\.${id}\\.outputs\\.base_url \\}\\}/?$`));
    // Build as the job would for a project site: configure-pages gives base_url without a trailing slash.
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        v
          .replace(/\$\{\{ steps\.\w+\.outputs\.base_url \}\}/, 'https://owner.github.io/nianbao')
          .replace(/\$\{\{ github\.server_url \}\}/g, 'https://github.com')
          .replace(/\$\{\{ github\.repository \}\}/g, 'owner/nianbao'),
      ]),
    );
    const tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-deploy-'));
    try {
      const out = path.join(tmp, 'site');
      const childEnv: NodeJS.ProcessEnv = { ...process.env, NIANBAO_CACHE_DIR: path.join(tmp, 'cache'), ...resolved };
      delete childEnv.NIANBAO_PATH_PREFIX;
      const r = spawnSync(process.execPath, ['bin/nianbao.js', 'build', '--reports', 'tests/fixtures/corpora/two-years', '--out', out], { encoding: 'utf8', env: childEnv });
      assert.equal(r.status, 0, r.stderr);
      const page = await readFile(path.join(out, '2020', 'hengshan-zhen', 'index.html'), 'utf8');
      assert.match(page, /<link rel="canonical" href="https:\/\/owner\.github\.io\/nianbao\/2020\/hengshan-zhen\/">/);
      assert.match(page, /<meta property="og:url" content="https:\/\/owner\.github\.io\/nianbao\/2020\/hengshan-zhen\/">/);
      assert.match(page, /href="\/nianbao\/assets\/site\.css/);
      assert.doesNotMatch(page, /nianbao\.example\.org/);
      const sitemap = await readFile(path.join(out, 'sitemap.xml'), 'utf8');
      const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      assert.ok(locs.length > 5 && locs.every((u) => u.startsWith('https://owner.github.io/nianbao/')), locs.join('\n'));
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
