// How far a device model report has come (pure). A GetBaseReport / GetReport is answered by
// NotifyReport parts numbered by seqNo from 0, tbc=true while more follow (B07, B08):
// the report is complete once the part with tbc=false has arrived and no seqNo below it is
// missing. Parts come in the station's order, but a part it resends (its answer was lost)
// arrives twice, so progress is a set of seqNos, not a count.
import type { VariablesReported } from '@csms/contracts';
import { toDate } from '../db.ts';
import type { Row } from '../upsert.ts';

export interface ReportPart {
  readonly chargePointId: string;
  readonly requestId: number;
  readonly seqNo: number;
  readonly tbc: boolean;
  readonly at: number;
}

export interface ReportProgress {
  readonly chargePointId: string;
  readonly requestId: number;
  /** Distinct, ascending. */
  readonly seqNos: readonly number[];
  /** The seqNo of the part with tbc=false; null until it arrived. */
  readonly finalSeqNo: number | null;
  readonly firstPartAt: number;
  readonly lastPartAt: number;
}

export interface MissingParts {
  readonly count: number;
  /** The lowest missing seqNos, at most as many as asked for. */
  readonly first: readonly number[];
}

/** The part a fact is, when it is a NotifyReport part; answers to GetVariables / SetVariables are none. */
export function reportPartOf(event: VariablesReported): ReportPart | null {
  if (event.source !== 'NotifyReport' || event.requestId === null || event.seqNo === null) return null;
  return { chargePointId: event.chargePointId, requestId: event.requestId, seqNo: event.seqNo, tbc: event.tbc, at: event.at };
}

export function foldReportPart(progress: ReportProgress | undefined, part: ReportPart): ReportProgress {
  const seqNos = [...new Set([...(progress?.seqNos ?? []), part.seqNo])].sort((a, b) => a - b);
  return {
    chargePointId: part.chargePointId,
    requestId: part.requestId,
    seqNos,
    finalSeqNo: part.tbc ? (progress?.finalSeqNo ?? null) : part.seqNo,
    firstPartAt: Math.min(progress?.firstPartAt ?? part.at, part.at),
    lastPartAt: Math.max(progress?.lastPartAt ?? part.at, part.at),
  };
}

/**
 * The seqNos from 0 up to the last part (or, before it arrived, the highest received) that did
 * not arrive. Counted without listing them: a station may name any seqNo.
 */
export function missingParts(progress: ReportProgress, limit: number): MissingParts {
  const received = progress.seqNos.filter((seqNo) => seqNo >= 0);
  const upTo = progress.finalSeqNo ?? received.at(-1) ?? -1;
  const within = received.filter((seqNo) => seqNo <= upTo);
  const first: number[] = [];
  let next = 0;
  for (const seqNo of [...within, upTo + 1]) {
    for (; next < seqNo && first.length < limit; next += 1) first.push(next);
    next = seqNo + 1;
  }
  return { count: Math.max(0, upTo + 1 - within.length), first };
}

export function isComplete(progress: ReportProgress): boolean {
  return progress.finalSeqNo !== null && missingParts(progress, 0).count === 0;
}

/** A device_model_reports row as PostgreSQL returns it. */
export interface ReportRow {
  charge_point_id: string; request_id: number; seq_nos: number[]; final_seq_no: number | null; complete: boolean;
  first_part_at: Date; last_part_at: Date;
}

export function toReportProgress(row: ReportRow): ReportProgress {
  return {
    chargePointId: row.charge_point_id, requestId: row.request_id, seqNos: row.seq_nos, finalSeqNo: row.final_seq_no,
    firstPartAt: row.first_part_at.getTime(), lastPartAt: row.last_part_at.getTime(),
  };
}

export function reportRow(progress: ReportProgress): Row {
  return {
    charge_point_id: progress.chargePointId, request_id: progress.requestId, seq_nos: [...progress.seqNos],
    final_seq_no: progress.finalSeqNo, complete: isComplete(progress),
    first_part_at: toDate(progress.firstPartAt), last_part_at: toDate(progress.lastPartAt),
  };
}
