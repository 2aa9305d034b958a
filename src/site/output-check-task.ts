/**
 * Worker task: the files of the last build that are not in the output as it left them (see
 * `damagedFiles`), told on a thread of their own while the main thread validates: at 40,000
 * reports, reading the record and stating its 170,000 files is some 3 s.
 */
import { damagedFiles, readManifest } from './manifest.ts';

/** Input: the output folder. Result: the relative paths to make again; null when there is no record. */
export function run(input: { readonly outDir: string }): string[] | null {
  const manifest = readManifest(input.outDir);
  return manifest ? [...damagedFiles(input.outDir, manifest)] : null;
}
