import { stageTable, verdict } from './bench-report';
import type { StageResult } from './stage-result';

const baseline: StageResult = { stage: 'baseline', cdrs: 1_000_000, seconds: 2, peakRssMb: 120.4 };
const pipeline = (seconds: number, peakRssMb: number): StageResult => ({ stage: 'pipeline', cdrs: 1_000_000, seconds, peakRssMb });

describe('the benchmark verdict', () => {
  it('passes a million CDRs in 5 s within 160 MB', () => {
    const { pass, text } = verdict(pipeline(5, 160));
    expect(pass).toBe(true);
    expect(text).toBe('PASS: pipeline 200,000 CDRs/s (target >= 100,000: met), peak RSS 160 MB (target < 300: met)');
  });

  it('fails a pipeline slower than 100,000 CDRs/s, naming the missed target', () => {
    const { pass, text } = verdict(pipeline(12.5, 170));
    expect(pass).toBe(false);
    expect(text).toMatch(/^FAIL: pipeline 80,000 CDRs\/s \(target >= 100,000: MISSED\), peak RSS 170 MB \(target < 300: met\)$/);
  });

  it('fails a fast pipeline that needs 300 MB or more', () => {
    expect(verdict(pipeline(4, 300)).pass).toBe(false);
  });
});

describe('the stage table', () => {
  it('shows each stage with its throughput and its time as a multiple of the baseline', () => {
    const lines = stageTable([baseline, pipeline(5, 160)]).split('\n');
    expect(lines[0]).toMatch(/^stage\s+CDRs\s+seconds\s+CDRs\/s\s+peak RSS MB\s+x baseline$/);
    expect(lines[1]!.split(/\s+/)).toEqual(['baseline', '1000000', '2.00', '500,000', '120', '1.00']);
    expect(lines[2]!.split(/\s+/)).toEqual(['pipeline', '1000000', '5.00', '200,000', '160', '2.50']);
  });
});
