import { freshGroup } from '../support/names';
import { copiesAfter, startPassThrough, type PassThroughJob, type PassThroughResult } from './kafka-pass-through-job';
import type { PathResult } from './kafka-report';

/** The pass-through settings the chain shares with the baseline: the services' consumer defaults. */
export type ChainConsumer = Pick<PassThroughJob, 'sessionTimeoutMs' | 'heartbeatIntervalMs' | 'partitionsConsumedConcurrently'>;

export interface ChainRun {
  readonly path: PathResult;
  /** Messages per CDR on the two hops between the links. */
  readonly perCdr: readonly [number, number];
  /** One per link, in order: what each process read, when it was done and the CPU it used. */
  readonly links: readonly PassThroughResult[];
}

/**
 * The ceiling of any three-service pipeline that carries as many Kafka messages per hop as ours, on
 * this cluster and machine: three pass-throughs in a chain, shaped like normalizer -> rater ->
 * invoicer (consume and produce, consume and produce, consume only), each in a process of its own,
 * with no decoding and no domain work. `fanOuts` are the copies each producing link makes per message
 * it reads: the pipeline's usage records per CDR and rated records per usage record, as measured,
 * so every hop carries what the services' hop carries. Timed like the pipeline: from the first
 * link's first batch to the last link's last record. The later links are started first and have
 * joined their groups before the first one starts, as the services have by the time the
 * normalizer's first fetch returns.
 *
 * `hops` are the chain's topics: the input, then the two topics between the links.
 */
export async function runChain(
  hops: readonly [string, string, string],
  records: number,
  fanOuts: readonly [number, number],
  consumer: ChainConsumer,
  env: NodeJS.ProcessEnv,
): Promise<ChainRun> {
  const usage = copiesAfter(records, fanOuts[0]);
  const reads = [records, usage, copiesAfter(usage, fanOuts[1])];
  const link = (i: number, to: string | null) =>
    startPassThrough({ from: hops[i]!, to, fanOut: fanOuts[i] ?? 1, groupId: freshGroup(), records: reads[i]!, ...consumer }, env, `chain-${i + 1}`);
  const started = [link(1, hops[2]), link(2, null)];
  try {
    await Promise.all(started.map((l) => l.joined));
    started.unshift(link(0, hops[1]));
    const links = await Promise.all(started.map((l) => l.result));
    const path = { path: 'chain of 3, no work', records, seconds: (links[2]!.doneAt - links[0]!.firstAt) / 1000 };
    return { path, perCdr: [usage / records, reads[2]! / records], links };
  } catch (err) {
    started.forEach((l) => l.kill()); // a link that failed leaves the others waiting for records for ever
    throw err;
  }
}
