// A device-model report as the NotifyReport messages that carry it (B07, B08): numbered from
// seqNo 0, every part but the last marked tbc ("to be continued"), so the CSMS knows when it has
// the whole report, and each of at most `perPart` entries, as a station bounds its message size.
import type { Ocpp201 } from '@csms/contracts';

export function notifyReportParts(
  requestId: number, generatedAt: string, data: readonly Ocpp201.ReportDataType[], perPart: number,
): Ocpp201.NotifyReportRequest[] {
  if (!Number.isInteger(perPart) || perPart < 1) throw new RangeError(`perPart must be a positive integer, not ${perPart}`);
  const parts: Ocpp201.NotifyReportRequest[] = [];
  for (let from = 0; from < data.length; from += perPart) {
    const reportData = data.slice(from, from + perPart) as Ocpp201.NotifyReportRequest['reportData'];
    parts.push({ requestId, generatedAt, seqNo: parts.length, tbc: from + perPart < data.length, ...(reportData ? { reportData } : {}) });
  }
  return parts;
}
