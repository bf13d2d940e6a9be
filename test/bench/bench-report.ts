import { alignTable } from '../../libs/pipeline';
import type { StageResult } from './stage-result';

/** The targets of the embedded pipeline on the reference 2-core machine. */
export interface BenchTargets {
  readonly cdrsPerSecond: number;
  readonly peakRssMb: number;
}

export const TARGETS: BenchTargets = { cdrsPerSecond: 100_000, peakRssMb: 300 };

const rate = (r: StageResult) => r.cdrs / r.seconds;

/** The stage table: throughput, memory, and each stage's time as a multiple of the baseline's. */
export function stageTable(results: readonly StageResult[]): string {
  const baseline = results.find((r) => r.stage === 'baseline');
  const header = ['stage', 'CDRs', 'seconds', 'CDRs/s', 'peak RSS MB', 'x baseline'];
  const rows = results.map((r) => [
    r.stage,
    String(r.cdrs),
    r.seconds.toFixed(2),
    Math.round(rate(r)).toLocaleString('en-US'),
    r.peakRssMb.toFixed(0),
    baseline ? (r.seconds / baseline.seconds).toFixed(2) : '-',
  ]);
  return alignTable([header, ...rows]);
}

/** PASS or FAIL of the pipeline stage against the targets, one line naming each measured figure. */
export function verdict(pipeline: StageResult, targets: BenchTargets = TARGETS): { pass: boolean; text: string } {
  const fastEnough = rate(pipeline) >= targets.cdrsPerSecond;
  const smallEnough = pipeline.peakRssMb < targets.peakRssMb;
  const pass = fastEnough && smallEnough;
  const text =
    `${pass ? 'PASS' : 'FAIL'}: pipeline ${Math.round(rate(pipeline)).toLocaleString('en-US')} CDRs/s ` +
    `(target >= ${targets.cdrsPerSecond.toLocaleString('en-US')}: ${fastEnough ? 'met' : 'MISSED'}), ` +
    `peak RSS ${pipeline.peakRssMb.toFixed(0)} MB (target < ${targets.peakRssMb}: ${smallEnough ? 'met' : 'MISSED'})`;
  return { pass, text };
}
