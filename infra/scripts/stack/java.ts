// Finding a Java 21+ runtime: the schema registry and Strimzi's CRD generator need one, while
// the machine's default `java` may be older (17 is common).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function javaMajor(javaBin: string): number {
  // `java -version` prints to stderr.
  const { stderr } = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  return Number(/version "(\d+)/.exec(stderr ?? '')?.[1] ?? 0);
}

/** JAVA21_HOME, else the newest JDK under /usr/lib/jvm that is 21+, else `java` if it is 21+; `user` names who needs it in the error. */
export function findJava21(user: string): string {
  const candidates = [
    process.env.JAVA21_HOME && join(process.env.JAVA21_HOME, 'bin', 'java'),
    ...(existsSync('/usr/lib/jvm') ? readdirSync('/usr/lib/jvm').sort().reverse().map((d) => join('/usr/lib/jvm', d, 'bin', 'java')) : []),
    'java',
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((java) => (java === 'java' || existsSync(java)) && javaMajor(java) >= 21);
  if (!found) throw new Error(`${user} needs Java 21 or newer: install one or set JAVA21_HOME`);
  return found;
}
