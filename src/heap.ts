/**
 * A full garbage collection on request, for the long commands (build, serve). With V8's heap
 * kept near what is live (`--heap-growing-percent`, src/cli/command.ts), the limit the next
 * collection waits for is set from what was live at the last one. Loading a corpus leaves a
 * great deal that is live until it returns and garbage after (the validation cache as read,
 * the records the threads sent): at 40,000 reports the main heap stood at 476 MB after
 * validating every report, against 225 MB after reading them from the cache, and the render
 * threads' memory came on top of it. One collection there frees it before they start.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** Make `collectGarbage` work in this process (V8's `--expose-gc`, set now; a new context sees it). */
export function allowCollectingGarbage(): void {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
}

/** A full collection now, when `allowCollectingGarbage` was called; else nothing. */
export function collectGarbage(): void {
  collect?.();
}
