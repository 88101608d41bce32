// The projections service's settings from the environment, read once at start-up (also by the
// deployment check, infra/deploy/check, to know which variables the service reads).
import { asInt, readPlatformConfig, type EnvReader, type PlatformConfig } from '@csms/infra';

export interface ProjectionsConfig extends PlatformConfig {
  /** Where /health and /metrics are served. */
  readonly healthPort: number;
}

export function readProjectionsConfig(env: EnvReader): ProjectionsConfig {
  return { ...readPlatformConfig(env), healthPort: env.read('CSMS_PROJECTIONS_METRICS_PORT', asInt, 4003) };
}
