import { createServiceMetrics, startOpsServer, type OpsServer } from '../../libs/ops';

let ops: OpsServer | undefined;

afterEach(async () => {
  await ops?.close();
  ops = undefined;
});

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${ops!.port}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('the ops endpoint of a service', () => {
  it('is live at once, ready only when every check passes, and serves the service metrics', async () => {
    let referenceLoaded = false;
    const metrics = createServiceMetrics('rater', { processMetrics: false });
    ops = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      readiness: { consumerJoined: () => true, referenceLoaded: () => referenceLoaded },
    });

    expect(await get('/healthz')).toMatchObject({ status: 200, text: 'ok\n' });
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.text)).toEqual({ ready: false, checks: { consumerJoined: true, referenceLoaded: false } });

    referenceLoaded = true;
    expect(await get('/readyz')).toMatchObject({ status: 200 });

    metrics.recordsIn.inc({ topic: 'usage.legs' }, 3);
    metrics.deadLetters.inc({ code: 'NO_PRICE' });
    metrics.addRatedAmount('USD', '0.025000');
    const scrape = await get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.type).toMatch(/^text\/plain/);
    expect(scrape.text).toContain('records_in_total{topic="usage.legs",service="rater"} 3');
    expect(scrape.text).toContain('dead_letters_total{code="NO_PRICE",service="rater"} 1');
    expect(scrape.text).toContain('rated_amount_total{currency="USD",service="rater"} 0.025');
    expect((await get('/nowhere')).status).toBe(404);
  });

  it('reports a readiness check that throws as not ready instead of failing the endpoint', async () => {
    const metrics = createServiceMetrics('invoicer', { processMetrics: false });
    ops = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      readiness: {
        redisAnswers: async () => {
          throw new Error('ECONNREFUSED');
        },
      },
    });

    const res = await get('/readyz');

    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toEqual({ ready: false, checks: { redisAnswers: false } });
  });
});
