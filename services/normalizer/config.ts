import type { Env, EnvReaderOptions } from '../../libs/config';
import { loadStreamServiceConfig, type StreamServiceConfig } from '../../libs/runtime';

export type NormalizerConfig = StreamServiceConfig;

/** The normalizer's settings: group cdr-normalizer and ops port 9101 unless GROUP_ID / OPS_PORT say otherwise. */
export function loadConfig(env: Env, options: EnvReaderOptions = {}): NormalizerConfig {
  return loadStreamServiceConfig(env, { clientId: 'cdr-normalizer', groupId: 'cdr-normalizer', opsPort: 9101 }, options);
}
