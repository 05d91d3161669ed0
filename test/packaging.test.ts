import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Loads each built package the way users do, through its `exports` map, from
// a script inside the workspace, in both module formats.
const root = join(__dirname, '..');
const packages = ['core', 'express', 'koa', 'fastify'];

function runNode(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: join(root, 'examples'), encoding: 'utf8', timeout: 20_000 });
}

describe('built packages', () => {
  it.each(packages)('@lambda-http/%s loads with require', (name) => {
    const run = runNode(['-e', `const m = require('@lambda-http/${name}'); console.log(Object.keys(m).sort().join(','))`]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(name === 'core' ? 'createHandler' : 'handle');
  });

  it.each(packages)('@lambda-http/%s loads with import', (name) => {
    const run = runNode([
      '--input-type=module',
      '-e',
      `const m = await import('@lambda-http/${name}'); console.log(Object.keys(m).sort().join(','))`,
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(name === 'core' ? 'createHandler' : 'handle');
  });

  it('exposes the same exports in both formats', () => {
    for (const name of packages) {
      const required = runNode(['-e', `console.log(Object.keys(require('@lambda-http/${name}')).sort().join(','))`]);
      const imported = runNode([
        '--input-type=module',
        '-e',
        `console.log(Object.keys(await import('@lambda-http/${name}')).filter((k) => k !== 'default').sort().join(','))`,
      ]);
      expect(imported.stdout).toBe(required.stdout);
    }
  });

  it('recognises errors across the two formats', () => {
    const run = runNode([
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       const require = createRequire(import.meta.url);
       const cjs = require('@lambda-http/core');
       const esm = await import('@lambda-http/core');
       const error = await cjs.createHandler(() => {})(null).catch((e) => e);
       console.log(error instanceof esm.LambdaHttpError, error instanceof esm.UnsupportedEventError, error instanceof esm.MalformedEventError, error.name, error.code);`,
    ]);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true true false UnsupportedEventError LHTTP_ERR_UNSUPPORTED_EVENT');
  });
});
