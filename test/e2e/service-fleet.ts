import { freePort } from '../support/local-program';
import { waitFor, type WaitOptions } from '../support/wait-for';
import { SpawnedService, serviceMain } from '../services/spawned-service';

export type ServiceName = 'normalizer' | 'rater' | 'invoicer';
export const SERVICE_NAMES: readonly ServiceName[] = ['normalizer', 'rater', 'invoicer'];

/** One instance of a service, as operators run it (node dist/services/<name>/main.js), on its own ops port. */
export interface ServiceInstance {
  readonly name: ServiceName;
  readonly opsPort: number;
  /** The running process; a new one after a supervised restart (see ServiceFleet). */
  readonly process: SpawnedService;
  /** Restarts after the mock cluster's SyncGroup race, 0 normally. */
  readonly restarts: number;
}

interface Member extends ServiceInstance {
  process: SpawnedService;
  restarts: number;
  readonly earlier: SpawnedService[];
}

export interface FleetOptions {
  /** The environment of an instance of `name`, OPS_* aside. */
  readonly envOf: (name: ServiceName) => Record<string, string>;
  /** True on librdkafka's mock cluster: then the SyncGroup race below is restarted, as a supervisor would. */
  readonly onMockCluster: () => boolean;
}

/**
 * librdkafka's mock cluster (2.0) answers a follower's SyncGroup with INVALID_REQUEST when the
 * leader's SyncGroup got there first (its group is then UP, a state in which it accepts no SyncGroup;
 * a real broker answers with the assignment). kafkajs takes that error as fatal, so a joining member
 * exits 1. The fleet restarts such an instance at most this many times, and says so on stderr.
 */
const MOCK_SYNC_RESTARTS = 5;

/**
 * Every service instance a test started, so the test can reach its /readyz and /metrics, kill it,
 * and always stop it in the end (SIGTERM, then SIGKILL after a deadline).
 */
export class ServiceFleet {
  private readonly members: Member[] = [];
  private stopping = false;

  /** Fails at once, saying `run make setup`, when dist/ lacks a service. */
  constructor(private readonly options: FleetOptions) {
    for (const name of SERVICE_NAMES) serviceMain(name);
  }

  get instances(): readonly ServiceInstance[] {
    return this.members;
  }

  async start(name: ServiceName): Promise<ServiceInstance> {
    const member: Member = { name, opsPort: await freePort(), process: undefined as never, restarts: 0, earlier: [] };
    this.spawn(member);
    this.members.push(member);
    return member;
  }

  /** Waits for /readyz 200 (consumer joined, reference caught up); fails early if it exits for good. */
  async ready(instance: ServiceInstance, timeoutMs = 45_000): Promise<void> {
    await this.waitFor(
      async () => {
        const { process } = instance;
        if (!process.running && !this.restartable(process)) throw new Error(`${instance.name} exited: ${JSON.stringify(await process.exited)}`);
        return (await this.ops(instance, '/readyz').catch(() => ({ status: 0 }))).status === 200;
      },
      { what: `${instance.name} on port ${instance.opsPort} to be ready`, timeoutMs, intervalMs: 100 },
    );
  }

  async startReady(name: ServiceName): Promise<ServiceInstance> {
    const instance = await this.start(name);
    await this.ready(instance);
    return instance;
  }

  /** waitFor, and when it times out, the services' last output (as it is then) in the error. */
  async waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions): Promise<NonNullable<T>> {
    try {
      return await waitFor(condition, options);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.tails()}`);
    }
  }

  async ops(instance: ServiceInstance, path: string): Promise<{ status: number; text: string }> {
    const res = await fetch(`http://127.0.0.1:${instance.opsPort}${path}`);
    return { status: res.status, text: await res.text() };
  }

  async metrics(instance: ServiceInstance): Promise<string> {
    return (await this.ops(instance, '/metrics')).text;
  }

  /** SIGKILL: no shutdown, no commit, no leaving the group; returns once it is dead. */
  async crash(instance: ServiceInstance): Promise<void> {
    instance.process.signal('SIGKILL');
    await instance.process.exited;
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(instance: ServiceInstance, graceMs = 12_000): Promise<void> {
    const { process } = instance;
    if (!process.running) return;
    process.signal('SIGTERM');
    const timer = setTimeout(() => process.running && process.signal('SIGKILL'), graceMs);
    await process.exited;
    clearTimeout(timer);
  }

  async stopAll(graceMs?: number): Promise<void> {
    this.stopping = true;
    await Promise.all(this.members.map((m) => this.stop(m, graceMs)));
  }

  /** The last output of every instance, to explain a wait that timed out. */
  tails(): string {
    return this.members.map((m) => m.process.tail(8)).join('\n');
  }

  private spawn(member: Member): void {
    const env = { ...this.options.envOf(member.name), OPS_HOST: '127.0.0.1', OPS_PORT: String(member.opsPort) };
    const spawned = new SpawnedService(member.name, env);
    member.process = spawned;
    void spawned.exited.then(() => {
      if (this.stopping || member.process !== spawned || !this.restartable(spawned) || member.restarts >= MOCK_SYNC_RESTARTS) return;
      const group = spawned.logs().find((line) => line.kafkajs === 'Consumer' && line.groupId)?.groupId ?? '?';
      process.stderr.write(`e2e: ${member.name} on port ${member.opsPort} hit the kcat mock's SyncGroup race (INVALID_REQUEST) in group ${group} and exited; restarting it\n`);
      member.earlier.push(spawned);
      member.restarts += 1;
      this.spawn(member);
    });
  }

  /** Whether `spawned` exited 1 on the mock's SyncGroup INVALID_REQUEST (see MOCK_SYNC_RESTARTS). */
  private restartable(spawned: SpawnedService): boolean {
    if (!this.options.onMockCluster() || spawned.running) return false;
    return spawned.logs().some((line) => String(line.msg).startsWith('Response SyncGroup') && String(line.error).includes('request being malformed'));
  }
}
