// What a CSMS service makes of an environment, found by running the service's own configuration
// reader over it, so the list cannot drift from the code: the names it looks up, and the
// ConfigError it throws when a value does not parse or fit.
import { readApiConfig } from '../../../api/src/config.ts';
import { readGatewayConfig } from '../../../gateway/src/config.ts';
import { readProcessorConfig } from '../../../processors/src/config.ts';
import { readProjectionsConfig } from '../../../projections/src/config.ts';
import { ConfigError, envReader, readPlatformConfig, type EnvReader } from '../../src/env.ts';

/** As the services' main.ts read their configuration at start-up. */
const readers = {
  gateway: (env: EnvReader) => [readPlatformConfig(env), readGatewayConfig(env)],
  processors: readProcessorConfig,
  projections: readProjectionsConfig,
  api: (env: EnvReader) => [readPlatformConfig(env), readApiConfig(env)],
} satisfies Record<string, (env: EnvReader) => unknown>;

export type Service = keyof typeof readers;

/** The first argument of the image's entry point (infra/deploy/docker-entrypoint.sh) that starts each service. */
export function isService(command: unknown): command is Service {
  return typeof command === 'string' && Object.hasOwn(readers, command);
}

/**
 * Read by every service outside its configuration reader: NODE_ENV by Node libraries (and the
 * readers, some only on some paths), LOG_LEVEL by infra/src/logger.ts, KAFKA_LOG_LEVEL by infra/src/kafka.ts.
 */
const PROCESS_WIDE = ['NODE_ENV', 'LOG_LEVEL', 'KAFKA_LOG_LEVEL'];

export interface Reading {
  /** Every variable the service looked up. */
  readonly read: ReadonlySet<string>;
  /** Its ConfigError's message, on one line, when a value did not parse or fit; else null. */
  readonly refusal: string | null;
}

/** What `service` makes of `env` at start-up. */
export function readAs(service: Service, env: Readonly<Record<string, string>>): Reading {
  const read = new Set(PROCESS_WIDE);
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return Reflect.get(target, name);
    },
  });
  const reader = envReader(recording);
  try {
    readers[service](reader);
    reader.done();
    return { read, refusal: null };
  } catch (error) {
    // The readers look every variable up before they throw: `read` is whole either way.
    if (!(error instanceof ConfigError)) throw error;
    return { read, refusal: error.message.replace(/\n\s*/g, ' ') };
  }
}
