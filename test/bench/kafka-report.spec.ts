import { ceilingLine, coreBoundLine, pathTable, processTable, ratioVerdict, type PathResult } from './kafka-report';

const passThrough: PathResult = { path: 'pass-through', records: 200_000, seconds: 4 };
const pipeline = (seconds: number): PathResult => ({ path: 'pipeline', records: 200_000, seconds });

describe('the Kafka-path verdict', () => {
  it('passes a pipeline at exactly half the pass-through rate', () => {
    const { pass, ratio, text } = ratioVerdict(passThrough, pipeline(8));
    expect(pass).toBe(true);
    expect(ratio).toBe(0.5);
    expect(text).toBe(
      'ratio pipeline / pass-through: 50.0% (25,000 / 50,000 records/s)\nPASS: target >= 50% of the pass-through rate met',
    );
  });

  it('fails a pipeline at a fifth of the pass-through rate, naming the missed target', () => {
    const { pass, text } = ratioVerdict(passThrough, pipeline(20));
    expect(pass).toBe(false);
    expect(text).toMatch(/^ratio pipeline \/ pass-through: 20\.0% \(10,000 \/ 50,000 records\/s\)\nFAIL: .* MISSED$/);
  });

  it('compares rates, not times, when the paths moved different numbers of records', () => {
    const { ratio } = ratioVerdict(passThrough, { path: 'pipeline', records: 100_000, seconds: 4 });
    expect(ratio).toBe(0.5);
  });
});

describe('the path table', () => {
  it('shows each path with its records, seconds and records per second', () => {
    const lines = pathTable([passThrough, pipeline(16)]).split('\n');
    expect(lines[0]).toMatch(/^path\s+records\s+seconds\s+records\/s$/);
    expect(lines[1]!.split(/\s+/)).toEqual(['pass-through', '200000', '4.00', '50,000']);
    expect(lines[2]!.split(/\s+/)).toEqual(['pipeline', '200000', '16.00', '12,500']);
  });
});

describe('the process table', () => {
  it('shows the CPU each process spent per record it read', () => {
    const lines = processTable([
      { name: 'pass-through', records: 200_000, doneAfter: 4, cpuSeconds: 5 },
      { name: 'rater', records: 300_000, batches: 600, doneAfter: 16.5, cpuSeconds: 18 },
    ]).split('\n');
    expect(lines[0]).toMatch(/^process\s+records\s+records\/batch\s+done after s\s+CPU s\s+CPU us\/record$/);
    expect(lines[1]!.split(/\s+/)).toEqual(['pass-through', '200000', '-', '4.00', '5.00', '25']);
    expect(lines[2]!.split(/\s+/)).toEqual(['rater', '300000', '500', '16.50', '18.00', '60']);
  });

  it('shows a dash where the CPU could not be measured', () => {
    const line = processTable([{ name: 'rater', records: 10, doneAfter: 1, cpuSeconds: undefined }]).split('\n')[1]!;
    expect(line.split(/\s+/)).toEqual(['rater', '10', '-', '1.00', '-', '-']);
  });
});

describe('the core-bound prediction', () => {
  const passThrough = { name: 'pass-through', records: 100_000, doneAfter: 2, cpuSeconds: 2.5 };
  const services = [
    { name: 'normalizer', records: 100_000, doneAfter: 5, cpuSeconds: 4 },
    { name: 'rater', records: 150_000, doneAfter: 8, cpuSeconds: 10 },
  ];

  it('rates the pipeline by its busiest service', () => {
    expect(coreBoundLine(passThrough, services, 100_000)).toBe(
      'with a core per process (from CPU s): pass-through 40,000 records/s, pipeline 10,000 CDRs/s, bound by the rater (25.0%)',
    );
  });

  it('says nothing without CPU figures', () => {
    expect(coreBoundLine({ ...passThrough, cpuSeconds: undefined }, services, 100_000)).toBeUndefined();
  });
});

describe('the ceiling line', () => {
  const chain = (seconds: number) => ({ path: { path: 'chain of 3, no work', records: 200_000, seconds }, perCdr: [1.494, 1.4112] as const });

  it('says when even a chain with no work stays below the target, and how close the pipeline comes', () => {
    expect(ceilingLine(passThrough, chain(10), pipeline(20))).toBe(
      "ceiling: 3 chained pass-throughs with no work, carrying the pipeline's 1.49 usage and 1.41 rated messages per CDR: " +
        '40.0% of the pass-through (below the 50.0% target: no pipeline sending these messages reaches it here); ' +
        'the pipeline runs at 50.0% of that ceiling',
    );
  });

  it('says when the target is within the chain\'s reach', () => {
    expect(ceilingLine(passThrough, chain(5), pipeline(20))).toMatch(/80\.0% of the pass-through \(the target is within reach\); the pipeline runs at 25\.0%/);
  });
});
