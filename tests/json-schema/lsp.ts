/**
 * A small Language Server Protocol client for tests: starts the real yaml-language-server (the
 * server inside VS Code's YAML extension) over stdio, configured from .vscode/settings.json as
 * VS Code configures it, and sends requests as the editor does.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** An LSP position: 0-based line and UTF-16 column. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Diagnostic {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly message: string;
  readonly severity?: number;
}

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

/** The VS Code settings of the workspace, as the YAML extension sends them (`yaml.x` → `{ yaml: { x } }`). */
function workspaceSettings(root: string): Record<string, Record<string, unknown>> {
  const flat = JSON.parse(readFileSync(path.join(root, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
  const yaml: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) if (k.startsWith('yaml.')) yaml[k.slice(5)] = v;
  return { yaml };
}

export class YamlLanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly diagnosticWaiters: { uri: string; test(d: Diagnostic[]): boolean; resolve(d: Diagnostic[]): void }[] = [];
  private readonly settings: Record<string, unknown>;
  private readonly root: string;
  stderr = '';

  private constructor(root: string) {
    this.root = root;
    const bin = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
    this.child = spawn(process.execPath, [bin, '--stdio'], { cwd: root });
    this.settings = workspaceSettings(root);
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Start the server for the workspace folder `root` and complete the LSP handshake. */
  static async start(root: string): Promise<YamlLanguageServer> {
    const server = new YamlLanguageServer(path.resolve(root));
    const rootUri = pathToFileURL(server.root).href;
    await server.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(server.root) }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    });
    server.notify('initialized', {});
    server.notify('workspace/didChangeConfiguration', { settings: server.settings });
    return server;
  }

  /** The URI of a file of the workspace. */
  uri(file: string): string {
    return pathToFileURL(path.resolve(this.root, file)).href;
  }

  open(file: string, text: string): string {
    const uri = this.uri(file);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  /** The hover text at a position, or '' when there is none. */
  async hover(uri: string, position: Position): Promise<string> {
    const r = (await this.request('textDocument/hover', { textDocument: { uri }, position })) as { contents: { value: string } | string } | null;
    if (!r) return '';
    return typeof r.contents === 'string' ? r.contents : r.contents.value;
  }

  /** The labels of the completion items offered at a position. */
  async completion(uri: string, position: Position): Promise<{ label: string; insertText?: string; documentation?: unknown }[]> {
    const r = (await this.request('textDocument/completion', { textDocument: { uri }, position })) as { items: { label: string }[] } | { label: string }[] | null;
    if (!r) return [];
    return Array.isArray(r) ? r : r.items;
  }

  /** The diagnostics published for `uri` once they satisfy `test` (the server publishes after each change). */
  waitForDiagnostics(uri: string, test: (d: Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<Diagnostic[]> {
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr}`)), timeoutMs);
      this.diagnosticWaiters.push({ uri, test, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  async stop(): Promise<void> {
    await this.request('shutdown', null).catch(() => {});
    this.notify('exit', null);
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill(), 5_000);
      this.child.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(message);
    }
  }

  private handle(m: Message): void {
    if (m.id !== undefined && m.method === undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error.message));
      else p?.resolve(m.result);
      return;
    }
    if (m.id !== undefined && m.method) {
      // A request from the server: answer as VS Code does.
      const result = m.method === 'workspace/configuration' ? ((m.params as { items: { section?: string }[] }).items.map((i) => (i.section ? (this.settings[i.section] ?? null) : this.settings))) : null;
      this.send({ id: m.id, result });
      return;
    }
    if (m.method === 'textDocument/publishDiagnostics') {
      const { uri, diagnostics } = m.params as { uri: string; diagnostics: Diagnostic[] };
      this.diagnostics.set(uri, diagnostics);
      for (const w of [...this.diagnosticWaiters]) {
        if (w.uri === uri && w.test(diagnostics)) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(w), 1);
          w.resolve(diagnostics);
        }
      }
    }
  }
}
