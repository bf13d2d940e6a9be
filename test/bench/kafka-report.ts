import { alignTable } from '../../libs/pipeline';
import type { ChainRun } from './kafka-chain';

/** One path of the Kafka benchmark: how many records it moved and in how long. */
export interface PathResult {
  readonly path: string;
  readonly records: number;
  readonly seconds: number;
}

/** One process's share of a path: records it read, when it was done, the CPU it used. */
export interface ProcessFigures {
  readonly name: string;
  readonly records: number;
  /** Seconds after the path's clock started. */
  readonly doneAfter: number;
  /** Undefined where it could not be measured (no /proc). */
  readonly cpuSeconds: number | undefined;
  /** Batches it handled, where known: per-batch costs (a commit, a produce request, a Redis call) shrink as batches grow. */
  readonly batches?: number;
}

/** The target: the services at half or more of what plain consume-and-produce moves. */
export const TARGET_RATIO = 0.5;

export const perSecond = (r: PathResult): number => r.records / r.seconds;

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** path, records, seconds, records/s; one row per path, in the order given. */
export function pathTable(results: readonly PathResult[]): string {
  const header = ['path', 'records', 'seconds', 'records/s'];
  const rows = results.map((r) => [r.path, String(r.records), r.seconds.toFixed(2), thousands(perSecond(r))]);
  return alignTable([header, ...rows]);
}

export interface Verdict {
  readonly pass: boolean;
  /** Pipeline records/s over pass-through records/s. */
  readonly ratio: number;
  readonly text: string;
}

/** The pipeline's rate as a share of the pass-through's, PASS at TARGET_RATIO or more. */
export function ratioVerdict(passThrough: PathResult, pipeline: PathResult, target = TARGET_RATIO): Verdict {
  const ratio = perSecond(pipeline) / perSecond(passThrough);
  const pass = ratio >= target;
  const text =
    `ratio pipeline / pass-through: ${(ratio * 100).toFixed(1)}% ` +
    `(${thousands(perSecond(pipeline))} / ${thousands(perSecond(passThrough))} records/s)\n` +
    `${pass ? 'PASS' : 'FAIL'}: target >= ${(target * 100).toFixed(0)}% of the pass-through rate ${pass ? 'met' : 'MISSED'}`;
  return { pass, ratio, text };
}

/**
 * Where the time goes: per process, the records it read (and per batch), when it was done, its CPU seconds and
 * CPU microseconds per record read. On a machine with fewer cores than processes the path's rate
 * follows the sum of their CPU; with a core each, the slowest one's.
 */
export function processTable(rows: readonly ProcessFigures[]): string {
  const header = ['process', 'records', 'records/batch', 'done after s', 'CPU s', 'CPU us/record'];
  const cells = rows.map((r) => [
    r.name,
    String(r.records),
    r.batches ? thousands(r.records / r.batches) : '-',
    r.doneAfter.toFixed(2),
    r.cpuSeconds === undefined ? '-' : r.cpuSeconds.toFixed(2),
    r.cpuSeconds === undefined ? '-' : thousands((r.cpuSeconds * 1e6) / r.records),
  ]);
  return alignTable([header, ...cells]);
}

/**
 * What the CPU figures predict beyond this machine: with a core per process, the pass-through moves
 * records / its CPU seconds and the pipeline follows its busiest service. Undefined without CPU figures.
 */
export function coreBoundLine(passThrough: ProcessFigures, services: readonly ProcessFigures[], cdrs: number): string | undefined {
  if (passThrough.cpuSeconds === undefined || services.some((s) => s.cpuSeconds === undefined)) return undefined;
  const busiest = services.reduce((a, b) => (b.cpuSeconds! > a.cpuSeconds! ? b : a));
  const passRate = passThrough.records / passThrough.cpuSeconds;
  const pipelineRate = cdrs / busiest.cpuSeconds!;
  return (
    `with a core per process (from CPU s): pass-through ${thousands(passRate)} records/s, pipeline ` +
    `${thousands(pipelineRate)} CDRs/s, bound by the ${busiest.name} (${((pipelineRate / passRate) * 100).toFixed(1)}%)`
  );
}

/**
 * The chain of three pass-throughs with no work that carries the pipeline's messages per hop
 * (kafka-chain.ts) bounds from above every three-service pipeline that sends as many Kafka messages,
 * on this cluster and machine: whether the target lies under that ceiling, and how close the
 * pipeline comes to it.
 */
export function ceilingLine(passThrough: PathResult, chain: Pick<ChainRun, 'path' | 'perCdr'>, pipeline: PathResult, target = TARGET_RATIO): string {
  const share = perSecond(chain.path) / perSecond(passThrough);
  const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
  const [usage, rated] = chain.perCdr.map((n) => n.toFixed(2));
  const reach =
    share < target
      ? `below the ${percent(target)} target: no pipeline sending these messages reaches it here`
      : `the target is within reach`;
  return (
    `ceiling: 3 chained pass-throughs with no work, carrying the pipeline's ${usage} usage and ${rated} rated messages ` +
    `per CDR: ${percent(share)} of the pass-through (${reach}); the pipeline runs at ` +
    `${percent(perSecond(pipeline) / perSecond(chain.path))} of that ceiling`
  );
}
