import { createServiceMetrics } from './metrics';

const sample = async (metrics: ReturnType<typeof createServiceMetrics>, name: string) =>
  (await metrics.registry.getSingleMetric(name)!.get()).values;

describe('the standard service metrics', () => {
  it('sums rated amounts exactly and shows the total once as a float', async () => {
    const metrics = createServiceMetrics('rater', { processMetrics: false });
    // 0.1 + 0.2 in binary floats is 0.30000000000000004; a million such adds drift further.
    for (let i = 0; i < 1000; i += 1) metrics.addRatedAmount('USD', '0.100000');
    metrics.addRatedAmount('USD', '0.200000');
    metrics.addRatedAmount('EUR', '0.000001');

    const values = await sample(metrics, 'rated_amount_total');

    expect(values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { currency: 'USD' }, value: 100.2 }),
        expect.objectContaining({ labels: { currency: 'EUR' }, value: 0.000001 }),
      ]),
    );
  });

  it('refuses a negative rated amount', () => {
    const metrics = createServiceMetrics('rater', { processMetrics: false });
    expect(() => metrics.addRatedAmount('USD', '-1.00')).toThrow(RangeError);
  });

  it('sets consumer lag per topic and partition from lag rows', async () => {
    const metrics = createServiceMetrics('invoicer', { processMetrics: false });
    metrics.recordLag([
      { group: 'invoicer', topic: 'ledger.rated', partition: 0, highWatermark: 10, committedOffset: 6, lag: 4 },
      { group: 'invoicer', topic: 'ledger.rated', partition: 1, highWatermark: 4, committedOffset: -1, lag: 4 },
    ]);
    metrics.recordLag([{ group: 'invoicer', topic: 'ledger.rated', partition: 0, highWatermark: 10, committedOffset: 10, lag: 0 }]);

    const values = await sample(metrics, 'consumer_lag');

    expect(values.map((v) => [v.labels.partition, v.value])).toEqual([
      ['0', 0],
      ['1', 4],
    ]);
  });

  it('labels every series with the service and keeps registries of two services apart', async () => {
    const rater = createServiceMetrics('rater', { processMetrics: false });
    const invoicer = createServiceMetrics('invoicer', { processMetrics: false });
    rater.recordsOut.inc({ topic: 'ledger.rated' }, 2);

    expect(await rater.registry.metrics()).toContain('records_out_total{topic="ledger.rated",service="rater"} 2');
    expect(await invoicer.registry.metrics()).not.toContain('records_out_total{');
  });
});
