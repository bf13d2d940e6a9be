import { EnvReader, type Env } from '../config';

export interface OpsConfig {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
}

/** OPS_HOST (default 0.0.0.0) and OPS_PORT (default per service) of the health/metrics endpoint. */
export function loadOpsConfig(env: Env, defaults: { port: number }): OpsConfig {
  const read = new EnvReader(env);
  const host = read.optionalString('OPS_HOST') ?? '0.0.0.0';
  const port = read.optionalInt('OPS_PORT', defaults.port, { min: 0, max: 65535 });
  read.done();
  return Object.freeze({ host, port });
}
