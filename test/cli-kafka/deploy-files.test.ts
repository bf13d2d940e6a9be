import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { createServiceMetrics } from '../../libs/ops';

/**
 * No Docker engine or Kubernetes cluster runs on these machines, so the deploy/ files are checked
 * here instead: they parse, and they agree with each other and with the code.
 */
const DEPLOY = join(__dirname, '..', '..', 'deploy');
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');
const SERVICES = { normalizer: 9101, rater: 9102, invoicer: 9103 } as const;
const SHUTDOWN_TIMEOUT_MS = 15_000;

/** Parsed YAML, walked by path in the assertions. */
type Doc = Record<string, any>;

function yamlFiles(dir: string): string[] {
  return readdirSync(join(DEPLOY, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const k8sDocs = (): Doc[] =>
  yamlFiles('k8s').flatMap((file) => parseAllDocuments(read(file)).map((d) => d.toJS() as Doc)).filter((d) => d !== null);

const seconds = (text: string): number => Number(/^(\d+)s$/.exec(text)?.[1] ?? NaN);

describe('the deploy files', () => {
  it('are all valid YAML and JSON', () => {
    const files = yamlFiles('.');
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      for (const doc of parseAllDocuments(read(file))) expect({ file, errors: doc.errors.map(String) }).toEqual({ file, errors: [] });
    }
    expect(() => JSON.parse(read('grafana/dashboards/cdr-pipeline.json'))).not.toThrow();
  });

  describe('docker-compose.yml', () => {
    const compose = parse(read('docker-compose.yml'), { merge: true }) as Doc;
    const services = compose.services as Record<string, Doc>;

    it('runs each service from the image on its ops port, after init, with time to finish a batch on stop', () => {
      for (const [name, port] of Object.entries(SERVICES)) {
        const service = services[name]!;
        expect(service.command).toEqual([`dist/services/${name}/main.js`]);
        expect(service.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
        expect(service.environment).toMatchObject({ OPS_PORT: String(port), GROUP_ID: `cdr-${name}`, KAFKA_BROKERS: 'kafka:9092' });
        expect(service.ports).toEqual([`${port}:${port}`]);
        expect(service.depends_on.init).toEqual({ condition: 'service_completed_successfully' });
        expect(seconds(service.stop_grace_period) * 1000).toBeGreaterThan(Number(service.environment.SHUTDOWN_TIMEOUT_MS));
      }
      expect(services.invoicer!.environment).toMatchObject({ REDIS_URL: 'redis://redis:6379/0', REDIS_PASSWORD_FILE: '/run/secrets/redis-password' });
      expect(services.invoicer!.secrets).toEqual(['redis-password']);
    });

    it('names only services, secrets, volumes and host files that exist', () => {
      for (const [name, service] of Object.entries(services)) {
        const dependencies: string[] = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
        for (const dependency of dependencies) expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
        for (const secret of service.secrets ?? []) expect(Object.keys(compose.secrets)).toContain(secret);
        for (const volume of service.volumes ?? []) {
          const [source] = String(volume).split(':');
          if (source!.startsWith('.')) expect(existsSync(join(DEPLOY, source!))).toBe(true);
          else expect(Object.keys(compose.volumes)).toContain(source);
        }
      }
      for (const { file } of Object.values(compose.secrets as Record<string, { file: string }>)) expect(existsSync(join(DEPLOY, file))).toBe(true);
      expect(existsSync(join(DEPLOY, 'Dockerfile'))).toBe(true);
    });

    it('creates the topics and registers the schemas once Kafka and the registry are healthy', () => {
      const init = services.init!;
      expect(init.command[0]).toMatch(/cli\/main\.js topics create .*&& node dist\/services\/cli\/main\.js schemas register$/);
      expect(init.depends_on).toEqual({ kafka: { condition: 'service_healthy' }, 'schema-registry': { condition: 'service_healthy' } });
      expect(services.kafka!.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
      expect(Buffer.from(services.kafka!.environment.CLUSTER_ID, 'base64url')).toHaveLength(16);
    });
  });

  it('has Prometheus scrape exactly the three ops endpoints', () => {
    const config = parse(read('prometheus/prometheus.yml')) as Doc;
    const targets = config.scrape_configs.flatMap((job: Doc) => job.static_configs.flatMap((s: Doc) => s.targets));
    expect(targets).toEqual(Object.entries(SERVICES).map(([name, port]) => `${name}:${port}`));
  });

  it('has the dashboard query only metrics the services register, on the provisioned datasource', async () => {
    const dashboard = JSON.parse(read('grafana/dashboards/cdr-pipeline.json')) as Doc;
    const datasource = (parse(read('grafana/provisioning/datasources/prometheus.yml')) as Doc).datasources[0];
    const registered = (await createServiceMetrics('check', { processMetrics: false }).registry.getMetricsAsJSON()).map((m) => m.name);
    const known = new Set(registered.flatMap((name) => [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]));
    const exprs: string[] = dashboard.panels.flatMap((p: Doc) => p.targets.map((t: Doc) => t.expr));
    const metrics = exprs.flatMap((expr) => [...expr.matchAll(/\b([a-z_]+)(?=[{[])/g)].map((m) => m[1]!));
    for (const metric of metrics) expect(known).toContain(metric);
    const shown = ['consumer_lag', 'records_in_total', 'records_out_total', 'dead_letters_total', 'rated_amount_total', 'batch_duration_seconds_bucket'];
    expect([...new Set(metrics)].sort()).toEqual(shown.sort());
    expect(exprs.some((e) => e.includes('histogram_quantile(0.95'))).toBe(true);
    for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe(datasource.uid);
  });

  describe('k8s manifests', () => {
    const docs = k8sDocs();
    const config = docs.find((d) => d.kind === 'ConfigMap')!.data as Record<string, string>;
    const secret = docs.find((d) => d.kind === 'Secret')!;

    it('run each service with probes on its ops port and a grace period above SHUTDOWN_TIMEOUT_MS', () => {
      expect(Number(config.SHUTDOWN_TIMEOUT_MS)).toBe(SHUTDOWN_TIMEOUT_MS);
      for (const [name, port] of Object.entries(SERVICES)) {
        const deployment = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === `cdr-${name}`)!;
        const pod = deployment.spec.template.spec;
        const [container] = pod.containers;
        expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': `cdr-${name}` });
        expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
        expect(container.args).toEqual([`dist/services/${name}/main.js`]);
        expect(container.envFrom).toEqual([{ configMapRef: { name: 'cdr-config' } }]);
        expect(container.env).toContainEqual({ name: 'OPS_PORT', value: String(port) });
        expect(container.ports).toEqual([{ name: 'ops', containerPort: port }]);
        expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'ops' });
        expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'ops' });
        expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
        expect(container.resources.requests).toBeDefined();
        expect(container.resources.limits.memory).toBeDefined();
        const volumes = pod.volumes.map((v: Doc) => v.name);
        for (const mount of container.volumeMounts) expect(volumes).toContain(mount.name);
        const service = docs.find((d) => d.kind === 'Service' && d.metadata.name === `cdr-${name}-metrics`)!;
        expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
        expect(service.spec.ports).toEqual([{ name: 'ops', port, targetPort: 'ops' }]);
        expect(service.metadata.annotations['prometheus.io/port']).toBe(String(port));
      }
    });

    it('give every *_FILE password a key of the Secret mounted where the path points', () => {
      const fileVariables = Object.entries(config).filter(([name]) => /PASSWORD_FILE$/.test(name));
      expect(fileVariables.map(([name]) => name).sort()).toEqual(['KAFKA_SASL_PASSWORD_FILE', 'REDIS_PASSWORD_FILE', 'SCHEMA_REGISTRY_PASSWORD_FILE']);
      const mounts = docs
        .filter((d) => ['Deployment', 'Job', 'CronJob'].includes(d.kind))
        .map((d) => (d.kind === 'CronJob' ? d.spec.jobTemplate.spec.template.spec : d.spec.template.spec))
        .map((pod) => pod.containers[0].volumeMounts.find((m: Doc) => m.name === 'secrets')?.mountPath);
      expect(new Set(mounts)).toEqual(new Set(['/run/secrets/cdr']));
      for (const [, path] of fileVariables) {
        expect(path.startsWith('/run/secrets/cdr/')).toBe(true);
        expect(Object.keys(secret.stringData)).toContain(path.slice('/run/secrets/cdr/'.length));
      }
    });

    it('close last month monthly with cdr close-month, and list only files that exist in the kustomization', () => {
      const cron = docs.find((d) => d.kind === 'CronJob')!;
      expect(cron.spec.schedule).toMatch(/^\d+ \d+ \d+ \* \*$/);
      expect(cron.spec.jobTemplate.spec.template.spec.containers[0].args[0]).toMatch(/cli\/main\.js close-month --through "\$\(date/);
      const kustomization = parse(read('k8s/kustomization.yaml')) as Doc;
      for (const resource of kustomization.resources) expect(existsSync(join(DEPLOY, 'k8s', resource))).toBe(true);
      expect(kustomization.resources).not.toContain('secret.example.yaml');
    });

    it('are documented: every ConfigMap variable appears in deploy/README.md', () => {
      const readme = read('README.md');
      for (const name of Object.keys(config)) expect({ name, documented: readme.includes(`\`${name}\``) }).toEqual({ name, documented: true });
    });
  });
});
