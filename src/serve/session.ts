/**
 * A preview session: build, serve, and rebuild when a report or template is saved.
 * The rebuild is one function (`Rebuild`) given the changed files, so that a faster,
 * incremental one can replace the whole-site build without touching the server or watcher.
 */
import { build } from '../build.ts';
import { SITE_POST_BUILD } from '../site/post-build.ts';
import { type QuickPreview, quickPreview } from './quick.ts';
import { formatDiagnostic, summarize } from '../load/diagnostic.ts';
import type { PreviewServer } from './server.ts';
import { startPreviewServerThread } from './server-thread.ts';
import { watchSources, type SourceWatcher } from './watch.ts';

/** The outcome of one build, as the terminal and the pages show it. */
export interface BuildOutcome {
  readonly ok: boolean;
  /** Located diagnostics (and warnings), one line each. */
  readonly problems: readonly string[];
  readonly summary: string;
}

/** Rebuild the site after `changed` files (empty: first build). Must not throw for bad reports. */
export type Rebuild = (changed: readonly string[]) => Promise<BuildOutcome>;

/** Where to read, write and serve, and what to watch. */
export interface ServeOptions {
  readonly reportsDir: string;
  readonly outDir: string;
  readonly port: number;
  readonly host?: string;
  /** Folders whose changes trigger a rebuild. */
  readonly watch: readonly string[];
  readonly log: (line: string) => void;
  readonly rebuild?: Rebuild;
}

/** A running preview. */
export interface ServeSession {
  readonly url: string;
  /** Resolves after the build that follows the latest change has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The site rebuild (incremental: only files whose data changed are made); failures keep the
 * last site. `quick`, when given, learns from every successful build.
 */
export function fullRebuild(reportsDir: string, outDir: string, quick?: QuickPreview): Rebuild {
  return async () => {
    try {
      // Eleventy keeps templates cached in the process; an edited template must be read again.
      const result = await build({ reportsDir, outDir, eleventyConfig: (config) => config.setUseTemplateCache(false), postBuild: SITE_POST_BUILD, summary: true });
      // The quick path only follows a build that succeeded: after a failed one, the fix goes through the build.
      if (result.built) quick?.remember(result);
      else quick?.forget();
      const { diagnostics, files } = result.corpus;
      const summary = `共 ${files} 份报告：${summarize(diagnostics)}`;
      return { ok: result.built, problems: diagnostics.map(formatDiagnostic), summary: result.built ? `${summary}，已生成 ${result.pages} 个页面` : summary };
    } catch (e) {
      // A template mistake, not a report's: show its message, keep serving the last site.
      return { ok: false, problems: [`网站模板出错：${e instanceof Error ? e.message : String(e)}`], summary: '网站模板出错' };
    }
  };
}

/** Build once, serve `outDir`, and rebuild on every change until closed. */
export async function startServe(options: ServeOptions): Promise<ServeSession> {
  const quick = options.rebuild ? undefined : quickPreview(options.outDir);
  const rebuild = options.rebuild ?? fullRebuild(options.reportsDir, options.outDir, quick);
  const { log } = options;
  const report = (o: BuildOutcome, first: boolean) => {
    for (const p of o.problems) log(p);
    if (o.ok) log(`${o.summary}。${first ? '' : '浏览器将自动刷新。'}`);
    else log(`${o.summary}。请按上面的提示改正并保存；在改正之前，预览仍显示上一次成功生成的网站。`);
  };

  const first = await rebuild([]);
  report(first, true);
  const server: PreviewServer = await startPreviewServerThread(options.outDir, options.port, options.host);
  server.setStatus(first);

  // One build at a time; changes during a build are collected for the next one.
  let running: Promise<void> = Promise.resolve();
  let queued: string[] | null = null;
  const schedule = (files: string[]): void => {
    if (queued) {
      queued.push(...files);
      return;
    }
    queued = [...files];
    running = running.then(async () => {
      const changed = queued ?? [];
      queued = null;
      log(`\n已修改：${changed.join('、')}，正在重新生成……`);
      if (changed.some((f) => !/\.ya?ml$/i.test(f))) quick?.forget();
      else if (await quick?.update(changed).catch(() => false)) {
        // The saved report's own page is up to date: show it now, the summaries follow.
        server.setStatus({ ok: true, problems: [], summary: '该报告的页面已更新，正在更新汇总页面' });
        server.reload();
        log('该报告的页面已更新；正在更新汇总页面……');
      }
      const outcome = await rebuild(changed);
      if (!outcome.ok && queued) {
        // Files changed while this build ran (which may be why it failed): the next build, already queued, decides.
        log('生成期间报告又被修改，正按最新内容重新生成……');
        return;
      }
      report(outcome, false);
      server.setStatus(outcome);
      if (outcome.ok) server.reload();
    });
  };
  const watcher: SourceWatcher = watchSources(options.watch, schedule);

  return {
    url: server.url,
    async idle() {
      let last: Promise<void>;
      do {
        last = running;
        await last;
      } while (last !== running);
    },
    async close() {
      watcher.close();
      await running;
      await server.close();
    },
  };
}
