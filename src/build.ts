/**
 * The site build: validate every report first, render with Eleventy into a fresh folder,
 * run post-build steps, then swap the folder into place. A failed build leaves the
 * previous output untouched.
 */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeOpenData } from './export/files.ts';
import { type Corpus, loadCorpus } from './load/corpus.ts';
import { provideCorpus } from './site/corpus-source.ts';

type EleventyUserConfig = { setUseTemplateCache(use: boolean): void };

export interface BuildOptions {
  readonly reportsDir?: string;
  readonly outDir?: string;
  /** Steps run on the finished output folder before it is swapped into place. */
  readonly postBuild?: readonly ((dir: string, corpus: Corpus) => Promise<void>)[];
  /** Extra Eleventy configuration for this build (the preview turns template caching off). */
  readonly eleventyConfig?: (config: EleventyUserConfig) => void;
}

export interface BuildResult {
  readonly corpus: Corpus;
  /** False when a report has errors; nothing was written then. */
  readonly built: boolean;
  readonly pages: number;
}

/** Render the validated corpus into `dir` with Eleventy; returns the number of pages written. */
export async function renderSite(corpus: Corpus, dir: string, config?: BuildOptions['eleventyConfig']): Promise<number> {
  provideCorpus(corpus);
  const { default: Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy('templates', dir, { configPath: '.eleventy.ts', quietMode: true, ...(config ? { config: (c: unknown) => config(c as EleventyUserConfig) } : {}) });
  const results = (await eleventy.write()) as unknown as [unknown, unknown[]] | unknown[];
  const pages = Array.isArray(results[1]) ? results[1].length : 0;
  return pages;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const reportsDir = options.reportsDir ?? 'reports';
  const outDir = path.resolve(options.outDir ?? '_site');
  const corpus = await loadCorpus([reportsDir]);
  if (corpus.diagnostics.some((d) => d.severity === 'error')) return { corpus, built: false, pages: 0 };

  const parent = path.dirname(outDir);
  const tmp = path.join(parent, `.site-build-${process.pid}`);
  const old = path.join(parent, `.site-old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    const pages = await renderSite(corpus, tmp, options.eleventyConfig);
    // Open-data downloads are part of every site.
    for (const step of [writeOpenData, ...(options.postBuild ?? [])]) await step(tmp, corpus);
    if (existsSync(outDir)) await rename(outDir, old);
    await rename(tmp, outDir);
    await rm(old, { recursive: true, force: true });
    return { corpus, built: true, pages };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(outDir) && existsSync(old)) await rename(old, outDir);
    throw e;
  }
}
