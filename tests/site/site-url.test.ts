import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteUrl, DEFAULT_SITE_URL, siteUrl } from '../../src/site/site-url.ts';

describe('siteUrl', () => {
  it('defaults to the documented address', () => {
    assert.equal(siteUrl({}), DEFAULT_SITE_URL);
    assert.equal(siteUrl({ NIANBAO_SITE_URL: '  ' }), DEFAULT_SITE_URL);
  });

  it('takes NIANBAO_SITE_URL with exactly one trailing slash, without query or fragment', () => {
    assert.equal(siteUrl({ NIANBAO_SITE_URL: 'https://www.example.gov.cn/nianbao' }), 'https://www.example.gov.cn/nianbao/');
    assert.equal(siteUrl({ NIANBAO_SITE_URL: 'https://www.example.gov.cn/nianbao/?x=1#top' }), 'https://www.example.gov.cn/nianbao/');
  });

  it('rejects what is not an http(s) address, saying what is expected', () => {
    assert.throws(() => siteUrl({ NIANBAO_SITE_URL: 'www.example.gov.cn' }), /NIANBAO_SITE_URL 不是有效的网址：www\.example\.gov\.cn/);
    assert.throws(() => siteUrl({ NIANBAO_SITE_URL: 'ftp://example.gov.cn/' }), /应以 http:\/\/ 或 https:\/\/ 开头/);
  });
});

describe('absoluteUrl', () => {
  it('joins a site path under the base, keeping the base path', () => {
    assert.equal(absoluteUrl('https://x.gov.cn/nb/', '/2020/laizhou-zhuqiao/'), 'https://x.gov.cn/nb/2020/laizhou-zhuqiao/');
    assert.equal(absoluteUrl('https://x.gov.cn/', '/'), 'https://x.gov.cn/');
  });
});

describe('a wrong address setting on the command line', () => {
  it('is named as the operator’s setting, exit 2, not as an internal error', async () => {
    const { spawnSync } = await import('node:child_process');
    for (const [name, value] of [['NIANBAO_SITE_URL', 'www.example.gov.cn'], ['NIANBAO_SOURCE_URL', 'x']] as const) {
      const r = spawnSync(process.execPath, ['bin/nianbao.js', 'build', '--reports', 'tests/fixtures/corpora/two-years', '--out', '/nonexistent-nianbao-site'], { encoding: 'utf8', env: { ...process.env, [name]: value, NIANBAO_CACHE: '0' } });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`设置有误：${name} `));
      assert.doesNotMatch(r.stderr, /内部错误|程序的问题/);
    }
  });
});
