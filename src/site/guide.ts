/**
 * The clerk's guide as a page of the site: docs/填报指南.md rendered with the site's Markdown,
 * followed by the list of every check, taken from the rule catalogue.
 */
import { readFileSync } from 'node:fs';
import { CATALOGUE } from '../../schema/rules.ts';
import { renderMarkdown } from './markdown.ts';

/** Where the guide lives in the repository. */
export const GUIDE_FILE = 'docs/填报指南.md';

/** What the guide page prints. */
export interface GuideView {
  readonly title: string;
  readonly html: string;
  readonly rules: readonly { readonly id: string; readonly severity: string; readonly title: string; readonly basis: string }[];
}

const SEVERITY = { error: '错误', warning: '警告' } as const;

/** The guide page's view data, read from `file`. */
export function guideView(file = GUIDE_FILE): GuideView {
  const text = readFileSync(file, 'utf8');
  const heading = /^#\s+(.+)$/m.exec(text);
  const body = heading ? text.slice(0, heading.index) + text.slice(heading.index + heading[0].length) : text;
  return {
    title: heading?.[1]?.trim() ?? '填报指南',
    html: renderMarkdown(body),
    rules: Object.entries(CATALOGUE).map(([id, r]) => ({ id, severity: SEVERITY[r.severity], title: r.title, basis: r.basis })),
  };
}
