#!/usr/bin/env node
// The `nianbao` command. Runs the CLI compiled into dist/ at install (bin/compile.js) while it is
// up to date with the sources, so a call starts at once; otherwise — no dist/, or a source file
// changed since — it runs the TypeScript through tsx, so an edit to src/ or schema/ takes effect
// on the next call. `serve` still runs through tsx.
// A compiled `build` lets Node load TypeScript only when it runs Eleventy (for .eleventy.ts),
// and hands Eleventy its own site modules (src/site/handoff.ts).
import { compiledIsCurrent } from './compile.js';

const argv = process.argv.slice(2);
const fromSource = argv[0] === 'serve' && !argv.includes('--help') && !argv.includes('-h');
let cli;
if (!fromSource && process.env.NIANBAO_COMPILED !== '0' && compiledIsCurrent()) {
  if (process.env.NIANBAO_DEBUG) process.setSourceMapsEnabled(true);
  cli = await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
process.exitCode = await cli.main(argv);
