/**
 * The preview web server: serves the built site from disk, and tells open pages over
 * Server-Sent Events when to reload and whether the last rebuild failed (shown as a panel
 * on the page, with the same located messages as the terminal).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

/** What the pages are told after each build. */
export interface PreviewStatus {
  readonly ok: boolean;
  /** One line per problem, as the terminal prints them. */
  readonly problems: readonly string[];
  readonly summary: string;
}

export interface PreviewServer {
  readonly url: string;
  /** Tell every open page to reload. */
  reload(): void;
  /** Tell every open page the outcome of the last build (and every page that opens later). */
  setStatus(status: PreviewStatus): void;
  close(): Promise<void>;
}

const PREFIX = '/__nianbao';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8',
};

// Runs in the page. Builds the panel with textContent only: messages quote what clerks typed.
const CLIENT = `(() => {
  const es = new EventSource('${PREFIX}/events');
  es.addEventListener('reload', () => location.reload());
  es.addEventListener('status', (e) => {
    const s = JSON.parse(e.data);
    let panel = document.getElementById('nianbao-preview-status');
    if (s.ok) { if (panel) panel.remove(); return; }
    if (!panel) {
      panel = document.createElement('section');
      panel.id = 'nianbao-preview-status';
      panel.setAttribute('role', 'alert');
      panel.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#1a1a1a;border-top:4px solid #b00020;padding:12px 16px;font:14px/1.6 system-ui,sans-serif;box-shadow:0 -2px 8px rgba(0,0,0,.2)';
      document.body.appendChild(panel);
    }
    panel.replaceChildren();
    const h = document.createElement('h2');
    h.style.cssText = 'margin:0 0 8px;font-size:16px;color:#b00020';
    h.textContent = '报告有错误，网站未更新（下面显示的仍是上一次成功生成的网站）：' + s.summary;
    const list = document.createElement('ol');
    list.style.cssText = 'margin:0;padding-left:1.5em;font-family:ui-monospace,monospace;white-space:pre-wrap';
    for (const p of s.problems) { const li = document.createElement('li'); li.textContent = p; list.appendChild(li); }
    panel.append(h, list);
  });
})();
`;

const TAG = `<script src="${PREFIX}/client.js"></script>`;

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>网站尚未生成</title></head>
<body><p>网站尚未生成：报告有错误。请按终端（命令行窗口）中的提示改正，保存后此页自动刷新。</p>${TAG}</body></html>`;

/** Inject the live-reload script into an HTML page. */
export function withClient(html: string): string {
  const i = html.lastIndexOf('</body>');
  return i < 0 ? html + TAG : html.slice(0, i) + TAG + html.slice(i);
}

/** The file under `root` a URL path names, or null when it leaves `root`. */
export function fileFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const base = path.resolve(root);
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

/** Start serving `root` on `port` (0 = any free port). */
export async function startPreviewServer(root: string, port: number, host = 'localhost'): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let status: PreviewStatus = { ok: true, problems: [], summary: '' };
  const send = (res: ServerResponse, event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  const serveFile = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    let file = fileFor(root, urlPath);
    if (file === null) {
      res.writeHead(400).end();
      return;
    }
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { location: `${urlPath}/` }).end();
        return;
      }
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': TYPES['.html']! }).end(status.ok ? withClient('<!doctype html><meta charset="utf-8"><title>找不到页面</title><p>找不到这个页面。</p>') : NOT_BUILT);
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(withClient(await readFile(file, 'utf8')));
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  };

  const server: Server = createServer((req, res) => {
    if (req.url === `${PREFIX}/client.js`) {
      res.writeHead(200, { 'content-type': TYPES['.js']! }).end(CLIENT);
      return;
    }
    if (req.url === `${PREFIX}/events`) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      clients.add(res);
      send(res, 'status', status);
      req.on('close', () => clients.delete(res));
      return;
    }
    serveFile(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/`,
    reload() {
      for (const c of clients) send(c, 'reload', {});
    },
    setStatus(s) {
      status = s;
      for (const c of clients) send(c, 'status', s);
    },
    async close() {
      for (const c of clients) c.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
