import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The examples import the built packages, which the test command builds
// before jest runs.
const root = join(__dirname, '..');

function runExample(file: string) {
  return spawnSync(process.execPath, [join(root, 'examples', file)], { encoding: 'utf8', timeout: 20_000 });
}

describe('examples', () => {
  it('run against the built packages', () => {
    expect(existsSync(join(root, 'packages/express/dist/index.mjs'))).toBe(true);
  });

  it.each(['express', 'koa', 'fastify'])('%s json-body validates orders', (framework) => {
    const run = runExample(`${framework}/json-body.mjs`);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('status 201: {"customer":"Ada","lines":2,"quantity":3}');
    expect(run.stdout).toMatch(/status 400: \{"error":"Invalid request payload: 1 validation issue: items/);
  });

  it.each(['express', 'koa', 'fastify'])('%s query-parameters reads every value', (framework) => {
    const run = runExample(`${framework}/query-parameters.mjs`);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('status 200: {"term":"green tea","tags":["loose,leaf","organic"],"page":2}');
    expect(run.stdout).toContain('status 400: {"error":"Missing query parameter \\"q\\"."}');
  });

  it.each(['express', 'koa', 'fastify'])('%s shared-client creates one client', (framework) => {
    const run = runExample(`${framework}/shared-client.mjs`);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"clientsCreated":1,"callsOnThisClient":1');
    expect(run.stdout).toContain('"clientsCreated":1,"callsOnThisClient":2');
  });

  it('demo sends five corpus events through Express', () => {
    const run = runExample('express/run-events.mjs');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^app saw: /gm)).toHaveLength(5);
    expect(run.stdout).toContain('app saw: POST /prod/path/to/resource?foo=bar HTTP/1.1');
    expect(run.stdout).toContain('"statusDescription": "200 OK"');
    expect(run.stderr).toBe('');
  });
});
