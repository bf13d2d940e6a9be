import { execFileSync } from 'node:child_process';

/** Where a Docker engine is expected: DOCKER_HOST, else the default socket. */
export const DOCKER_ENDPOINT = process.env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';

/**
 * Whether a Docker engine answers GET /_ping at DOCKER_ENDPOINT, asked synchronously (a child node
 * process, 3 s at most) so a test file can choose `it` or `it.skip` while Jest collects its tests.
 */
export function dockerEngineAnswers(endpoint = DOCKER_ENDPOINT): boolean {
  const target = endpoint.startsWith('unix://')
    ? { socketPath: endpoint.slice('unix://'.length) }
    : (({ hostname, port }) => ({ host: hostname, port: Number(port || 2375) }))(new URL(endpoint.replace(/^tcp:/, 'http:')));
  const ping = `require('node:http').get({ ...${JSON.stringify(target)}, path: '/_ping', timeout: 2500 }, (res) => {
    let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => process.exit(res.statusCode === 200 && body === 'OK' ? 0 : 1));
  }).on('error', () => process.exit(1)).on('timeout', () => process.exit(1));`;
  try {
    execFileSync(process.execPath, ['-e', ping], { timeout: 3000, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
