// Whether this machine's python3 can import a module (torch, torchvision): the tests that run the
// code view through PyTorch skip, visibly, where it cannot.

import { execFileSync } from 'node:child_process';

/** True if `python3 -c "import <module>"` succeeds. */
export function pythonHas(module) {
  try {
    execFileSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
