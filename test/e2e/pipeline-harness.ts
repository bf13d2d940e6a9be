import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { consumerLag, type LagRow } from '../../libs/kafka';
import { createSchemaRegistry, loadRegistryConfig, registerSchemas, type AvroTopics } from '../../libs/registry';
import { deadLetterTopic } from '../../libs/runtime/topic-names';
import { TopicRecorder } from '../services/topic-recorder';
import { testKafkaClient } from '../support/kafka-client';
import { supportInfra, type E2eInfra } from './e2e-infra';
import { embeddedExpectation, type EmbeddedExpectation } from './embedded-expectation';
import { messageCount, totalLag, trueLag, type LagReading } from './lag-readings';
import { OperatorCli } from './operator-cli';
import { RedisGate } from './redis-gate';
import { forgetRedisKeys } from '../support/redis-keys';
import { RunNames } from './run-names';
import { serviceEnv } from './service-env';
import { ServiceFleet, SERVICE_NAMES, type ServiceName } from './service-fleet';
import { writeE2eInput } from './usage-only-sample';

export interface HarnessOptions {
  /** Default: test/support's Kafka, Redis and registry double. */
  readonly infra?: () => Promise<E2eInfra>;
  /** Puts a RedisGate between the invoicers and Redis, so a test can stall them. */
  readonly redisGate?: boolean;
}

const REFERENCE_FILES = ['accounts.json', 'tariffs.json'];

/**
 * One end-to-end run of the Kafka path, isolated by fresh names (RunNames): the embedded pipeline's
 * result on the same input, the servers, the operator's `cdr` commands, the built services, and a
 * recorder of the invoices, ledger, limits and dead-letter topics. start() creates the topics, registers the
 * schemas and publishes the reference data, so that services started afterwards judge every CDR
 * against the complete accounts and tariffs (reference data published while they run reaches them
 * through a follower of its own, with no ordering against the CDRs).
 */
export class PipelineHarness {
  readonly names = new RunNames();
  readonly topics = this.names.topics;
  readonly groups = this.names.groups;
  readonly fleet = new ServiceFleet({ envOf: (name) => serviceEnv(name, this.places()), onMockCluster: () => this.infra.mockCluster });
  infra!: E2eInfra;
  expected!: EmbeddedExpectation;
  inputDir!: string;
  invoiceDir!: string;
  cli!: OperatorCli;
  admin!: Admin;
  avro!: AvroTopics;
  recorder!: TopicRecorder;
  gate: RedisGate | undefined;
  private workDir: string | undefined;

  private constructor(private readonly options: HarnessOptions) {}

  static async start(options: HarnessOptions = {}): Promise<PipelineHarness> {
    const harness = new PipelineHarness(options);
    try {
      await harness.boot();
      return harness;
    } catch (err) {
      await harness.stop();
      throw err;
    }
  }

  private async boot(): Promise<void> {
    this.workDir = await mkdtemp(join(tmpdir(), 'cdr-e2e-'));
    this.inputDir = await writeE2eInput(join(this.workDir, 'input'));
    this.invoiceDir = join(this.workDir, 'invoices');
    this.expected = await embeddedExpectation(this.inputDir, join(this.workDir, 'embedded'));
    this.infra = await (this.options.infra ?? supportInfra)();
    if (this.options.redisGate) this.gate = await RedisGate.open(this.infra.redisUrl);
    this.cli = new OperatorCli(this.infra, this.names.prefix);
    const kafka = testKafkaClient(this.infra.brokers);
    this.admin = kafka.admin();
    await this.admin.connect();
    this.avro = await registerSchemas(createSchemaRegistry(loadRegistryConfig({ SCHEMA_REGISTRY_URL: this.infra.registryUrl })), {});
    await this.cli.createTopics(4);
    await this.cli.registerSchemas();
    const { sipcore, media, usage, ledger, invoices, limits } = this.topics;
    const recorded = [invoices, ledger, limits, ...[sipcore, media, usage, ledger].map(deadLetterTopic)];
    this.recorder = await TopicRecorder.start(kafka, recorded, this.infra.sessionTimeoutMs);
    await this.publish(...REFERENCE_FILES.map((name) => join(this.inputDir, name)));
  }

  private places() {
    return { infra: this.infra, names: this.names, invoicerRedisUrl: this.gate?.url ?? this.infra.redisUrl, invoiceDir: this.invoiceDir };
  }

  /** A path inside this run's temporary folder (removed by stop()). */
  scratch(name: string): string {
    return join(this.workDir!, name);
  }

  publish(...paths: string[]): Promise<string[]> {
    return this.cli.publish(...paths);
  }

  /** Publishes every input file of `dir` but the reference data (which start() published). */
  async publishStreams(dir = this.inputDir): Promise<string[]> {
    const names = (await readdir(dir)).filter((n) => !REFERENCE_FILES.includes(n)).sort();
    return this.publish(...names.map((n) => join(dir, n)));
  }

  /** `cdr lag --json` for one service's group on its input topics. */
  cliLag(name: ServiceName): Promise<LagRow[]> {
    return this.cli.lag(this.groups[name], this.names.inputs[name]);
  }

  trueLag(name: ServiceName): Promise<LagReading[]> {
    return trueLag(this.admin, this.groups[name], this.names.inputs[name]);
  }

  ledgerCount(): Promise<number> {
    return messageCount(this.admin, this.topics.ledger);
  }

  /**
   * Waits until every group's lag (libs/kafka consumerLag) is 0 on its inputs, read in pipeline
   * order (a stage commits only after its outputs are acknowledged, so nothing is then in flight),
   * the invoicer's facts group's too, and the ledger's record count held still between two readings.
   */
  async waitForQuiet(what: string, timeoutMs = 60_000): Promise<void> {
    const groups: Array<[string, readonly string[]]> = [
      ...SERVICE_NAMES.map((name): [string, readonly string[]] => [this.groups[name], this.names.inputs[name]]),
      [this.names.factsGroup, this.names.factsInputs],
    ];
    let last = -1;
    const quiet = async () => {
      for (const [group, topics] of groups) if (totalLag(await consumerLag(this.admin, group, topics)) !== 0) return false;
      const count = await this.ledgerCount();
      const still = count === last;
      last = count;
      return still;
    };
    await this.fleet.waitFor(quiet, { what: `${what} (${this.infra.description}): every group's lag 0 and the ledger still`, timeoutMs, intervalMs: 250 });
  }

  /** `cdr close-month --through` the last month the embedded run invoiced. */
  closeMonths(): Promise<string[]> {
    return this.cli.closeMonth(this.expected.lastMonth);
  }

  async stop(): Promise<void> {
    await this.fleet.stopAll().catch(() => undefined);
    await this.recorder?.stop().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    await this.gate?.close();
    if (this.infra) await forgetRedisKeys(this.infra.redisUrl, this.names.redisKeyPrefix).catch(() => undefined);
    await this.infra?.stop();
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
  }
}
