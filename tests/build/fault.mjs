// Loaded with `node --import` into a CLI run by the tests: at the n-th call of a file operation
// whose path lies under NIANBAO_FAULT_UNDER, the process is killed (SIGKILL, as kill -9) or
// the call fails as on a full disk (ENOSPC). NIANBAO_FAULT = "kill:rename:3", "enospc:write:5",
// or "trace" to print every such call (op and path) to standard error.
//   write: fs.writeFileSync, fs.promises.writeFile, fs.promises.copyFile, fs.promises.mkdir
//   rename: fs.renameSync, fs.promises.rename      unlink: fs.promises.unlink, fs.promises.rm
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const [action, op, nth] = (process.env.NIANBAO_FAULT ?? '').split(':');
const under = path.resolve(process.env.NIANBAO_FAULT_UNDER ?? '/');
let count = 0;

const diskFull = (p) => Object.assign(new Error(`ENOSPC: no space left on device, write '${p}'`), { code: 'ENOSPC', errno: -28, syscall: 'write', path: p });

function wrap(owner, name, kind, isAsync) {
  const original = owner[name];
  owner[name] = function (target, ...rest) {
    const p = typeof target === 'string' ? path.resolve(target) : '';
    const last = kind === 'rename' && typeof rest[0] === 'string' ? path.resolve(rest[0]) : p;
    if (p.startsWith(under) || last.startsWith(under)) {
      if (action === 'trace') process.stderr.write(`fault-trace ${kind} ${last}\n`);
      else if (kind === op && ++count === Number(nth)) {
        if (action === 'kill') process.kill(process.pid, 'SIGKILL');
        const e = diskFull(p);
        if (isAsync) return Promise.reject(e);
        throw e;
      }
    }
    return original.call(this, target, ...rest);
  };
}

if (action) {
  wrap(fs, 'writeFileSync', 'write', false);
  wrap(fs.promises, 'writeFile', 'write', true);
  wrap(fs.promises, 'copyFile', 'write', true);
  wrap(fs.promises, 'mkdir', 'write', true);
  wrap(fs, 'renameSync', 'rename', false);
  wrap(fs.promises, 'rename', 'rename', true);
  wrap(fs.promises, 'unlink', 'unlink', true);
  wrap(fs.promises, 'rm', 'unlink', true);
  syncBuiltinESMExports();
}
