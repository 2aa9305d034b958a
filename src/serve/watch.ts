/** Watching source folders: changes are collected and reported once the burst of saves is over. */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** A running watch over source folders. */
export interface SourceWatcher {
  close(): void;
}

// Editor swap, backup and hidden files, and temporary files without an extension
// (sed -i, some editors' atomic saves) are not sources.
const IGNORED = /(^|[/\\])[.#]|~$|\.sw[a-p]$|\.tmp$|^[^.]+$/;

/**
 * Call `onChange` with the changed files after `quietMs` without further changes: editors write
 * a file in several steps, and one save should give one rebuild. Each folder is watched on its
 * own, which also sees files replaced by rename (how many editors save).
 */
export function watchSources(dirs: readonly string[], onChange: (files: string[]) => void, quietMs = 150): SourceWatcher {
  const pending = new Set<string>();
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;

  const changed = (file: string): void => {
    pending.add(file.split(path.sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending.clear();
      onChange(files);
    }, quietMs);
  };

  const add = (dir: string): void => {
    if (watchers.has(dir)) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const w = watch(dir, (_event, name) => {
      if (!name) return;
      const file = path.join(dir, name.toString());
      let isDir = false;
      try {
        isDir = statSync(file).isDirectory();
      } catch {
        // Deleted: still a change.
      }
      if (isDir) add(file);
      else if (!IGNORED.test(name.toString())) changed(file);
    });
    w.on('error', () => {
      w.close();
      watchers.delete(dir);
    });
    watchers.set(dir, w);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) add(path.join(dir, e.name));
  };
  for (const d of dirs) add(d);

  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
