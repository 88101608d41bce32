// /transactions: reads transactions and their meter values.
import type { FastifyInstance } from 'fastify';
import {
  findTransaction, listMeterValues, listTransactions, type TransactionStatus,
} from '@csms/projections/transactions/queries.ts';
import type { AppOptions } from '../app-options.ts';
import { ApiError } from '../errors.ts';
import { errorResponses, pageOf, pageQuery, transactionDetail, transactionView } from '../schemas.ts';

interface Query {
  chargePointId?: string;
  status?: TransactionStatus;
  from?: string;
  to?: string;
  remoteStartId?: number;
  stationTransactionId?: string;
  limit: number;
  offset: number;
}

const querystring = {
  type: 'object', additionalProperties: false,
  properties: {
    chargePointId: { type: 'string', minLength: 1, maxLength: 48 },
    status: { type: 'string', enum: ['Active', 'Completed'] },
    from: { type: 'string', format: 'date-time', description: 'started at or after (inclusive)' },
    to: { type: 'string', format: 'date-time', description: 'started before (exclusive)' },
    remoteStartId: {
      type: 'integer', minimum: -2147483648, maximum: 2147483647,
      description: 'OCPP 2.0.1: the transaction started by the RequestStartTransaction with this remoteStartId (the command\'s answer names it)',
    },
    stationTransactionId: {
      type: 'string', minLength: 1, maxLength: 36,
      description: 'OCPP 2.0.1: the transaction with this id given by its station (ids are unique per station: add chargePointId)',
    },
    ...pageQuery,
  },
} as const;

export function registerTransactionRoutes(app: FastifyInstance, options: AppOptions): void {
  app.get<{ Querystring: Query }>('/transactions', {
    config: { role: 'viewer' },
    schema: { tags: ['transactions'], querystring, response: { 200: pageOf(transactionView), ...errorResponses() } },
  }, async (request) => {
    const { limit, offset } = request.query;
    return { ...(await listTransactions(options.pool, request.query)), limit, offset };
  });

  app.get<{ Params: { id: number } }>('/transactions/:id', {
    config: { role: 'viewer' },
    schema: {
      tags: ['transactions'],
      params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: -2147483648, maximum: 2147483647 } } },
      response: { 200: transactionDetail, ...errorResponses('TRANSACTION_NOT_FOUND') },
    },
  }, async (request) => {
    const transaction = await findTransaction(options.pool, request.params.id);
    if (transaction === undefined) throw new ApiError('TRANSACTION_NOT_FOUND', `transaction ${request.params.id} not found`);
    return { ...transaction, meterValues: await listMeterValues(options.pool, transaction.transactionId) };
  });
}
