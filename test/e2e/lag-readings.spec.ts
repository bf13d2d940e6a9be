import { counterTotal, metricLag } from './lag-readings';

const METRICS = `# HELP consumer_lag Messages between the committed offset and the high watermark
# TYPE consumer_lag gauge
consumer_lag{topic="e2e-1.ledger.rated",partition="2",service="invoicer"} 7
consumer_lag{topic="e2e-1.ledger.rated",partition="0",service="invoicer"} 12
facts_consumer_lag{topic="e2e-1.provisioning",partition="0",service="invoicer"} 3
records_in_total{topic="e2e-1.ledger.rated",service="invoicer"} 40
records_in_total{topic="e2e-1.usage.legs",service="invoicer"} 2
records_in_total_created 1
`;

describe('reading a service /metrics page', () => {
  it('lists consumer_lag per topic and partition, in partition order, leaving other gauges out', () => {
    expect(metricLag(METRICS)).toEqual([
      { topic: 'e2e-1.ledger.rated', partition: 0, lag: 12 },
      { topic: 'e2e-1.ledger.rated', partition: 2, lag: 7 },
    ]);
  });

  it('sums a counter over its series, 0 before it has any', () => {
    expect(counterTotal(METRICS, 'records_in_total')).toBe(42);
    expect(counterTotal(METRICS, 'records_out_total')).toBe(0);
  });
});
