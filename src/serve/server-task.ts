/**
 * Worker-thread side of the preview server (see server-thread.ts): starts the server, says
 * where it listens, then carries out the main thread's commands until told to close.
 */
import { parentPort } from 'node:worker_threads';
import { type PreviewStatus, startPreviewServer } from './server.ts';

/** What the main thread asks of the server. */
export type ServerCommand = { readonly kind: 'reload' } | { readonly kind: 'status'; readonly status: PreviewStatus } | { readonly kind: 'close' };

/** What the server thread reports: where it listens, or why it could not start. */
export type ServerReport = { readonly url: string } | { readonly failed: { readonly code?: string; readonly message: string } };

export interface ServerInput {
  readonly root: string;
  readonly port: number;
  readonly host: string;
}

export async function run(input: ServerInput, post: (report: ServerReport) => void): Promise<void> {
  let server: Awaited<ReturnType<typeof startPreviewServer>>;
  try {
    server = await startPreviewServer(input.root, input.port, input.host);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    post({ failed: { ...(err.code ? { code: err.code } : {}), message: err.message } });
    return;
  }
  post({ url: server.url });
  const port = parentPort!;
  await new Promise<void>((resolve) => {
    const onCommand = (c: ServerCommand) => {
      if (c.kind === 'reload') server.reload();
      else if (c.kind === 'status') server.setStatus(c.status);
      else {
        port.off('message', onCommand);
        void server.close().then(resolve);
      }
    };
    port.on('message', onCommand);
  });
}
