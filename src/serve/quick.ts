/**
 * The preview's quick path: when a clerk saves a report the last build already had, its own
 * page and data files are validated, rendered and written at once — before the rest of the
 * site is brought up to date by the (incremental) build that follows. A file that now has
 * an error, or a change that moves the report (its year, agency or place), is left to the
 * build, which reports it as usual.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BuildResult } from '../build.ts';
import { crossYearDiagnostics } from '../load/cross-year.ts';
import { entryFromRecord, type ReportEntry } from '../load/entry.ts';
import { validateFile } from '../load/load-task.ts';
import { outputFile, pagesRenderer, type PageJob, reportOutputs } from '../site/pages-task.ts';
import { siteUrl } from '../site/site-url.ts';
import type { SiteSummary } from '../summary/index.ts';

export interface QuickPreview {
  /** Remember what a successful build was made from. */
  remember(result: BuildResult): void;
  /** Forget it (a template changed, or the last build failed: pages must be made the normal way). */
  forget(): void;
  /** Update the pages of the changed reports; false when the build must do it. */
  update(changed: readonly string[]): Promise<boolean>;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function quickPreview(outDir: string): QuickPreview {
  let state: { entries: Map<string, ReportEntry>; summary: SiteSummary } | undefined;
  let render: ReturnType<typeof pagesRenderer> | undefined;
  const staging = path.join(path.dirname(path.resolve(outDir)), `.site-quick-${process.pid}`);
  return {
    remember(result) {
      if (!result.built || !result.summary) return;
      state = { entries: new Map(result.corpus.reports.map((r) => [path.resolve(r.file), r])), summary: result.summary };
      // Compiled once and kept: the next save renders at once.
      render ??= pagesRenderer({ outDir: staging, inputDir: 'templates', pathPrefix: process.env.NIANBAO_PATH_PREFIX ?? new URL(siteUrl()).pathname });
    },
    forget() {
      state = undefined;
      render = undefined;
    },
    async update(changed) {
      if (!state || !render || !changed.length) return false;
      const updated: ReportEntry[] = [];
      for (const file of changed) {
        const before = state.entries.get(path.resolve(file));
        if (!before) return false;
        const result = validateFile(before.file);
        if (!result.entry || result.diagnostics.some((d) => d.severity === 'error')) return false;
        const entry = entryFromRecord(result.entry);
        const moved = entry.year !== before.year || entry.agency.id !== before.agency.id || entry.agency.name !== before.agency.name || !same(entry.agency.region, before.agency.region);
        if (moved) return false;
        updated.push(entry);
      }
      // The agency's other years: cross-year findings (R5, R8) may change on both sides.
      const agencies = new Set(updated.map((e) => e.agency.id));
      const byFile = new Map([...state.entries.values()].filter((e) => agencies.has(e.agency.id)).map((e) => [path.resolve(e.file), e]));
      for (const e of updated) byFile.set(path.resolve(e.file), e);
      const group = [...byFile.values()];
      const crossYear = await crossYearDiagnostics(group);
      const own = (e: ReportEntry) => e.diagnostics.filter((d) => d.rule !== 'R5' && d.rule !== 'R8');
      const jobs: PageJob[] = group.map((e) => {
        const outputs = reportOutputs(e);
        const diagnostics = [...own(e), ...(crossYear.get(e) ?? [])];
        return { kind: 'report', file: e.file, hash: e.hash, diagnostics, links: state!.summary.reportLinks[outputs.page]!, outputs };
      });
      // Each file is written beside the site, then moved over the old one: a reader never sees half a page.
      await mkdir(staging, { recursive: true });
      for (const job of jobs) await render(job);
      for (const job of jobs) {
        if (job.kind !== 'report') continue;
        for (const url of Object.values(job.outputs)) {
          const rel = path.relative(staging, outputFile(staging, url));
          await mkdir(path.dirname(path.join(outDir, rel)), { recursive: true });
          await rename(path.join(staging, rel), path.join(outDir, rel));
        }
      }
      await rm(staging, { recursive: true, force: true });
      for (const e of updated) state.entries.set(path.resolve(e.file), e);
      return true;
    },
  };
}
