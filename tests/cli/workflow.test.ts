/** The GitHub Actions workflow: it parses, and runs the npm scripts that exist and that .ci/run runs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

interface Step { uses?: string; run?: string; name?: string; env?: Record<string, string> }
interface Job { steps: Step[]; needs?: string; if?: string; permissions?: Record<string, string> }
const workflow = parse(readFileSync('.github/workflows/site.yml', 'utf8')) as { on: Record<string, any>; jobs: Record<string, Job> };
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
});
