import type { Env, EnvReaderOptions } from '../../libs/config';
import { loadStreamServiceConfig, type StreamServiceConfig } from '../../libs/runtime';

export type RaterConfig = StreamServiceConfig;

/** The rater's settings: group cdr-rater and ops port 9102 unless GROUP_ID / OPS_PORT say otherwise. */
export function loadConfig(env: Env, options: EnvReaderOptions = {}): RaterConfig {
  return loadStreamServiceConfig(env, { clientId: 'cdr-rater', groupId: 'cdr-rater', opsPort: 9102 }, options);
}
