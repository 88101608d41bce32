// POST /dead-letters/{id}/redrive: what `npm run redrive -- <id>` does, for an admin without a
// shell (the web console's Re-drive button). The api only checks the letter is there and open and
// writes the request; the projections run it (and lock the letter's row, so two requests at once
// handle it once), and what came of it shows in the dead_letters read model.
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app-options.ts';
import { principalOf } from '../auth/access-control.ts';
import { waitQuery } from '../command-schemas.ts';
import { awaitRedrive, deadLetterIdString, openLetterOrRefuse, redriveAnswer, redriveRequest, writeRedriveRequest } from '../dead-letter-redrives.ts';
import { errorResponses, nullableStr, nullableTime, str } from '../schemas.ts';

const redriveView = {
  type: 'object',
  required: ['id', 'requestId', 'status'],
  properties: {
    id: str, requestId: { ...str, description: 'The request written, as the projections\' logs name it' },
    status: { type: 'string', enum: ['open', 'redriven'] }, redrivenAt: nullableTime,
    redrivenBy: { ...nullableStr, description: 'Who re-drove it: api:<principal id> through this route, cli:<user> from `npm run redrive`' },
    redriveOutcome: { ...nullableStr, description: 'Applied (by its projection) or Reappended (to its source topic, for the processors)' },
    lastRedriveError: { ...nullableStr, description: 'Why the last re-drive asked for here failed; the letter stays open. Null once one succeeds' },
    lastRedriveAttemptAt: nullableTime,
  },
} as const;

const description = `Handles the dead letter again, as \`npm run redrive -- <id>\` does, once a fix is deployed: a
projection's is applied again by that projection, a processors' is appended again to its source topic. The api
writes the request to \`csms.dead-letter-redrives\` and the projections run it, so it answers 202 at once with the
letter as it was; with \`?wait=\` it waits for the outcome and answers 200 with it: \`status\` \`redriven\`, or
\`open\` with \`lastRedriveError\` when it failed again (202 if neither came in time). Two requests for one letter
handle it once. A letter shown re-driven already is refused (409 \`DEAD_LETTER_NOT_OPEN\`).`;

export function registerDeadLetterRedriveRoute(app: FastifyInstance, options: AppOptions): void {
  app.post<{ Params: { id: string }; Querystring: { wait?: number } }>('/dead-letters/:id/redrive', {
    config: { role: 'admin' },
    schema: {
      tags: ['dead-letters'], summary: 'Re-drive a dead letter', description,
      params: { type: 'object', required: ['id'], properties: { id: deadLetterIdString } },
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { wait: { ...waitQuery.wait, description: 'Seconds to wait for the outcome (200); 202 with the latest known state when it does not come in time.' } },
      },
      response: { 200: redriveView, 202: redriveView, ...errorResponses('DEAD_LETTER_NOT_FOUND', 'DEAD_LETTER_NOT_OPEN', 'WRITE_FAILED') },
    },
  }, async (request, reply) => {
    const before = await openLetterOrRefuse(options, request.params.id);
    const redrive = redriveRequest(before.id, principalOf(request).id, options.clock());
    await writeRedriveRequest(options, redrive);
    const { wait } = request.query;
    if (wait === undefined) return reply.code(202).send(redriveAnswer(before, redrive.requestId));
    const { settled, letter } = await awaitRedrive(options, before, wait);
    return reply.code(settled ? 200 : 202).send(redriveAnswer(letter, redrive.requestId));
  });
}
