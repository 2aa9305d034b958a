/**
 * Where a report's YAML can be read in the repository, in one place: the environment variable
 * NIANBAO_SOURCE_URL, a "blob" address pattern with the placeholders {commit}, {path} and
 * (optionally) {line}, e.g.
 *   https://github.com/<owner>/<repo>/blob/{commit}/{path}#L{line}
 *   https://gitee.com/<owner>/<repo>/blob/{commit}/{path}#L{line}
 * Unset, the site has no source links (and so no broken ones).
 */

import { SettingError } from '../setting-error.ts';
export interface SourceRef {
  /** Full commit id. */
  readonly commit: string;
  /** Path of the file in the repository, forward slashes. */
  readonly path: string;
  /** 1-based line; the file itself when absent. */
  readonly line?: number;
}

/** The configured pattern, checked; undefined when not set. Throws a Chinese message for a bad one. */
export function sourceUrlPattern(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.NIANBAO_SOURCE_URL?.trim();
  if (!raw) return undefined;
  const example = '应形如 https://github.com/机构/仓库/blob/{commit}/{path}#L{line}';
  let u: URL;
  try {
    u = new URL(raw.replace(/\{(commit|path|line)\}/g, 'x'));
  } catch {
    throw new SettingError(`NIANBAO_SOURCE_URL 不是有效的网址：${raw}（${example}）`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SettingError(`NIANBAO_SOURCE_URL 应以 http:// 或 https:// 开头：${raw}（${example}）`);
  for (const p of ['{commit}', '{path}']) if (!raw.includes(p)) throw new SettingError(`NIANBAO_SOURCE_URL 中缺少 ${p}：${raw}（${example}）`);
  return raw;
}

/** The address of a file (and line) at a commit. Without {line} in the pattern, the file's. */
export function sourceUrl(pattern: string, ref: SourceRef): string {
  const path = ref.path.split('/').map(encodeURIComponent).join('/');
  let url = pattern.replace(/\{commit\}/g, encodeURIComponent(ref.commit)).replace(/\{path\}/g, path);
  if (ref.line === undefined) {
    // The line's part of the pattern (#L{line}, ?line={line}…) goes with it.
    url = url.replace(/[#?&][^#?&{}]*\{line\}[^#?&]*$/, '').replace(/\{line\}/g, '1');
  } else url = url.replace(/\{line\}/g, String(ref.line));
  return url;
}
