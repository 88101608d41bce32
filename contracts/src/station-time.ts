// How the CSMS reads a charge point's clock. OCPP says RFC 3339 date-times, but some firmware
// sends local times without an offset; refusing a StartTransaction or StopTransaction over it
// can make the station drop the session (DESIGN invariant 5). Such times are accepted by the
// gateway and read as UTC by the processors — one rule, here, so both agree.
const STATION_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch ms of a station's date-time, or null when it is not one. */
export function parseStationTime(text: string): number | null {
  const match = STATION_DATE_TIME.exec(text);
  if (match === null) return null;
  const ms = Date.parse(match[2] ? text : `${text}Z`);
  return Number.isNaN(ms) ? null : ms;
}
