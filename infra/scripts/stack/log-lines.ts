// How a service's output line reads in the terminal of `npm start`: in a terminal (a TTY) its
// pino JSON is pretty-printed, one service's lines told apart by their prefix; anywhere else (a
// file, a pipe, CI) the line stays the JSON it was, for tools to read.
import { prettyFactory } from 'pino-pretty';

export type LineFormat = (line: string) => string;

/** A pino line: JSON with a numeric level. Anything else (a stack trace, Kafka's own output) is left as it is. */
function pinoRecord(line: string): object | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { level?: unknown }).level === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

export function lineFormat(pretty: boolean, colorize = pretty): LineFormat {
  if (!pretty) return (line) => line;
  // The service name is in the prefix already; pid and hostname say nothing on one machine.
  const prettify = prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' });
  return (line) => {
    const record = pinoRecord(line);
    return record === null ? line : prettify(record).trimEnd();
  };
}
