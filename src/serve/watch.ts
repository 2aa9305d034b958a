/** Watching source folders: changes are collected and reported once the burst of saves is over. */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface SourceWatcher {
  close(): void;
}

/**
 * Call `onChange` with the changed files (relative to cwd) after `quietMs` without further
 * changes: editors write a file in several steps and one save should give one rebuild.
 */
export function watchSources(dirs: readonly string[], onChange: (files: string[]) => void, quietMs = 150): SourceWatcher {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const dir of dirs) {
    const w = watch(dir, { recursive: true }, (_event, name) => {
      const file = name ? path.join(dir, name.toString()) : dir;
      // Editor swap and backup files are not sources.
      if (/(^|[/\\])(\.|#)|~$|\.swp$/.test(file)) return;
      pending.add(file.split(path.sep).join('/'));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...pending].sort();
        pending.clear();
        onChange(files);
      }, quietMs);
    });
    watchers.push(w);
  }
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
