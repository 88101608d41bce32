// Reads configuration from the environment once, at start-up, failing with one clear
// message that names every bad variable.
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly retriable = false;
}

type Parser<T> = (raw: string) => T;

export const asString: Parser<string> = (raw) => raw;
export const asInt: Parser<number> = (raw) => {
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`expected an integer, got "${raw}"`);
  return value;
};
export const asList: Parser<string[]> = (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean);
export function asOneOf<T extends string>(...allowed: T[]): Parser<T> {
  return (raw) => {
    if (!(allowed as string[]).includes(raw)) throw new Error(`expected one of ${allowed.join(', ')}, got "${raw}"`);
    return raw as T;
  };
}

/** A range check for a setting that parsed: null when it holds, else the problem in words. */
export function inRange(name: string, value: number, min: number, max: number): string | null {
  return value >= min && value <= max ? null : `${name}: expected ${min}..${max}, got ${value}`;
}

export interface EnvReader {
  read<T>(name: string, parse: Parser<T>, fallback: T): T;
  /** Records a problem with a variable that parsed but does not fit the others (one of a pair set alone). */
  reject(name: string, problem: string): void;
  /** Throws one ConfigError listing every variable that failed to parse. */
  done(): void;
}

export function envReader(env: NodeJS.ProcessEnv = process.env): EnvReader {
  const problems: string[] = [];
  return {
    read(name, parse, fallback) {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      try {
        return parse(raw);
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
        return fallback;
      }
    },
    reject(name, problem) {
      problems.push(`${name}: ${problem}`);
    },
    done() {
      if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
    },
  };
}

/** Endpoints every service needs; the defaults are what `npm start` runs on one machine. */
export interface PlatformConfig {
  readonly kafkaBrokers: string[];
  readonly registryUrl: string;
  readonly databaseUrl: string;
  readonly topicPrefix: string;
}

export function readPlatformConfig(env: EnvReader): PlatformConfig {
  return {
    kafkaBrokers: env.read('KAFKA_BROKERS', asList, ['127.0.0.1:9092']),
    registryUrl: env.read('SCHEMA_REGISTRY_URL', asString, 'http://127.0.0.1:8081/apis/ccompat/v7'),
    databaseUrl: env.read('DATABASE_URL', asString, 'postgres://postgres@127.0.0.1:5432/csms'),
    topicPrefix: env.read('CSMS_TOPIC_PREFIX', asString, ''),
  };
}
