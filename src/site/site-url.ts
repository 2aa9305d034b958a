/**
 * The public address of the site, in one place. Canonical links, Open Graph and sitemap.xml
 * need absolute URLs; set NIANBAO_SITE_URL when building for another host.
 */

/** Used when NIANBAO_SITE_URL is not set. */
import { SettingError } from '../setting-error.ts';
export const DEFAULT_SITE_URL = 'https://nianbao.example.org/';

/** The site's base URL with exactly one trailing slash; fails on anything but http(s). */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.NIANBAO_SITE_URL?.trim() || DEFAULT_SITE_URL;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SettingError(`NIANBAO_SITE_URL 不是有效的网址：${raw}（应形如 https://example.gov.cn/nianbao/）`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new SettingError(`NIANBAO_SITE_URL 应以 http:// 或 https:// 开头：${raw}`);
  }
  u.search = '';
  u.hash = '';
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

/** Absolute URL of a site path such as /2020/laizhou-zhuqiao/. */
export function absoluteUrl(base: string, sitePath: string): string {
  return new URL(sitePath.replace(/^\/+/, ''), base).href;
}
