import { cpus } from 'node:os';
import { join } from 'node:path';
import { createSchemaRegistry, loadRegistryConfig } from '../../libs/registry';
import { findSchemasDir } from '../../libs/schema';
import { freshGroup, freshName } from '../support/names';
import { benchInput, type BenchParams } from './bench-input';
import { countFlag } from './count-flag';
import { createBenchTopics, startBenchInfra } from './kafka-infra';
import { publishBenchInput } from './kafka-input';
import { runChain, type ChainConsumer, type ChainRun } from './kafka-chain';
import { runPassThrough, type PassThroughResult } from './kafka-pass-through-job';
import { runPipeline, type PipelineRun } from './kafka-pipeline';
import { ceilingLine, coreBoundLine, pathTable, processTable, ratioVerdict, TARGET_RATIO, type PathResult, type ProcessFigures } from './kafka-report';
import { allTopics, chainTopics, copyTopic, runTopics } from './kafka-topics';

/**
 * `make bench`, Kafka path: the same SIP core CDRs through (a) a plain consume-and-produce
 * pass-through and (b) the normalizer -> rater -> invoicer services, on one cluster in one run,
 * reported as records per second and their ratio (target: the pipeline at >= 50%). A third path,
 * three pass-throughs in a chain with no work carrying as many messages per hop as the pipeline did
 * (kafka-chain.ts), shows the ceiling of any three-service pipeline with those messages, on the same
 * cluster and machine.
 *
 *   node dist/test/bench/kafka-bench.js [--cdrs N] [--runs N]
 *
 * --cdrs: SIP core CDRs (default 200,000; 50,000 on the mock cluster, see MOCK_CDRS). --runs: both
 * paths N times, alternating (default 1); each path's fastest run is reported, as contention from
 * other work only ever slows a run down.
 *
 * Kafka, Redis and the registry: KAFKA_BROKERS / REDIS_URL / SCHEMA_REGISTRY_URL when set, else
 * librdkafka's mock cluster (kcat), a private redis-server and the registry test double. The input
 * is generated with generateMonth into .bench/ (shared with the embedded benchmark) and published
 * once, untimed. The environment is passed on to the pass-through and the services, so tuning
 * variables (PARTITIONS_CONSUMED_CONCURRENTLY, NODE_OPTIONS, ...) apply to both paths alike.
 * BENCH_CPU_PROFILE=<dir> has every process write a V8 CPU profile under <dir>/<process>/.
 * A benchmark reports: it exits 0 on FAIL too.
 */
const POLL_MS = 50;
const DEFAULT_CDRS = 200_000;
/**
 * On librdkafka's mock cluster every partition keeps only its last 5 MiB (hard-coded), and the
 * usage topic must hold the rater's backlog behind the normalizer: about 50,000 CDRs fit safely on
 * 2 CPUs. A run that loses records fails with a message saying so, never with a wrong figure.
 */
const MOCK_CDRS = 50_000;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = countFlag(args, '--runs', 1);
  const infra = await startBenchInfra(process.env);
  try {
    say(`on: ${infra.describe}`);
    const cdrs = countFlag(args, '--cdrs', infra.cluster.kind === 'mock' ? MOCK_CDRS : DEFAULT_CDRS);
    if (!args.includes('--cdrs') && infra.cluster.kind === 'mock') {
      const real = DEFAULT_CDRS.toLocaleString('en-US');
      say(`--cdrs ${MOCK_CDRS.toLocaleString('en-US')}: the mock cluster keeps only 5 MiB per partition (KAFKA_BROKERS: ${real})`);
    }
    const params: BenchParams = { sipcore: cdrs, accounts: 50, mediaSessions: 1000, month: '2026-10', seed: 42 };
    const input = await benchInput(join(findSchemasDir(), '..', '.bench'), params);
    say(`input: ${input.dir} (${input.reused ? 'reused' : `generated in ${input.seconds.toFixed(1)} s`})`);
    const prefix = freshName('bench');
    const registryEnv = { ...registryAuth(infra.env), SCHEMA_REGISTRY_URL: infra.registryUrl };
    const registry = createSchemaRegistry(loadRegistryConfig(registryEnv));
    await createBenchTopics(infra, allTopics(runTopics(prefix, 1)));
    const published = await publishBenchInput(input.dir, runTopics(prefix, 1), registry, infra.kafka);
    const { cdrs: sent, accounts, tariffs, seconds } = published;
    say(`published ${sent} CDRs, ${accounts} accounts, ${tariffs} tariffs in ${seconds.toFixed(1)} s (not timed)`);

    const passThroughs: PassThroughResult[] = [];
    const chains: ChainRun[] = [];
    const pipelines: PipelineRun[] = [];
    const consumer = passThroughConsumer(infra.env);
    for (let run = 1; run <= runs; run++) {
      const of = runs > 1 ? ` (${run}/${runs})` : '';
      const topics = runTopics(prefix, run);
      if (run > 1) await createBenchTopics(infra, allTopics(topics));
      say(`running pass-through${of} ...`);
      const baseline = { from: topics.sipcore, to: copyTopic(topics), fanOut: 1, groupId: freshGroup(), records: sent, ...consumer };
      passThroughs.push(await runPassThrough(baseline, infra.env));
      say(`running pipeline (normalizer -> rater -> invoicer)${of} ...`);
      const distDir = join(__dirname, '..', '..');
      const { env, admin } = infra;
      const pipeline = await runPipeline({ distDir, env, admin, topics, pollMs: POLL_MS, timeoutMs: 30 * 60_000 });
      pipelines.push(pipeline);
      say(`running chain of 3 pass-throughs${of} ...`);
      chains.push(await runChain([topics.sipcore, ...chainTopics(topics)], sent, fanOuts(pipeline), consumer, infra.env));
    }
    report(fastest(passThroughs, (r) => r.seconds), fastest(chains, (r) => r.path.seconds), fastest(pipelines, (r) => r.seconds), sent, runs);
  } finally {
    await infra.stop();
  }
}

/** Records each producing service wrote per record it read, as the next service read them: the chain copies as many. */
function fanOuts({ stages }: PipelineRun): [number, number] {
  const read = (name: string) => stages.find((s) => s.stage === name)!.records;
  return [read('rater') / read('normalizer'), read('invoicer') / read('rater')];
}

/** The services' consumer defaults (libs/runtime, services/<name>/config.ts), so every path fetches alike. */
function passThroughConsumer(env: NodeJS.ProcessEnv): ChainConsumer {
  const partitionsConsumedConcurrently = Number(env.PARTITIONS_CONSUMED_CONCURRENTLY ?? 1);
  return { sessionTimeoutMs: 30_000, heartbeatIntervalMs: 3000, partitionsConsumedConcurrently };
}

function report(passThrough: PassThroughResult, chain: ChainRun, run: PipelineRun, cdrs: number, runs: number): void {
  const pipeline: PathResult = { path: 'pipeline', records: cdrs, seconds: run.seconds };
  const baseline: ProcessFigures = { name: 'pass-through', records: passThrough.records, doneAfter: passThrough.seconds, cpuSeconds: passThrough.cpuSeconds };
  const chainStart = chain.links[0]!.firstAt;
  const links = chain.links.map((l) => ({ name: l.path, records: l.records, doneAfter: (l.doneAt - chainStart) / 1000, cpuSeconds: l.cpuSeconds }));
  const services: ProcessFigures[] = run.stages.map((s) => ({ name: s.stage, records: s.records, batches: s.batches, doneAfter: s.drainedAfter, cpuSeconds: s.cpuSeconds }));
  const processes = [baseline, ...links, ...services];
  const coreBound = coreBoundLine(baseline, services, cdrs);
  const startup = run.startedAfter.map(({ stage, seconds }) => `${stage} ${seconds < 0 ? '' : '+'}${seconds.toFixed(2)} s`);
  process.stdout.write(
    `\n${pathTable([passThrough, chain.path, pipeline])}\n${runs > 1 ? `(each path: the fastest of ${runs} runs)\n` : ''}\n` +
      `${processTable(processes)}\n` +
      `(pipeline: ${run.deadLetters} dead letters; start-up, not timed: ${run.startupSeconds.toFixed(1)} s to the ` +
      `normalizer's first fetch, others consuming from ${startup.join(', ')})\n` +
      complaints(run.complaints) +
      (coreBound === undefined ? '' : `${coreBound}\n`) +
      `\ntarget: pipeline >= ${TARGET_RATIO * 100}% of the pass-through's records/s ` +
      `(${process.platform}, ${cpus().length} CPUs, node ${process.version})\n` +
      `${ratioVerdict(passThrough, pipeline).text}\n` +
      `${ceilingLine(passThrough, chain, pipeline)}\n`,
  );
}

function complaints(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `service warnings/errors: ${lines.length}, first: ${lines[0]!.slice(0, 300)}\n`;
}

const fastest = <T>(results: readonly T[], seconds: (r: T) => number): T =>
  results.reduce((a, b) => (seconds(b) < seconds(a) ? b : a));

function registryAuth(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = ['SCHEMA_REGISTRY_USERNAME', 'SCHEMA_REGISTRY_PASSWORD', 'SCHEMA_REGISTRY_PASSWORD_FILE'];
  return Object.fromEntries(names.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]!]])));
}

const say = (line: string) => process.stdout.write(`${line}\n`);

main().catch((err: unknown) => {
  process.stderr.write(`kafka-bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
