// An incremental text/event-stream parser (WHATWG HTML §9.2.6), for reading /live with fetch:
// EventSource cannot send the Authorization header the api requires.

export interface SseMessage {
  /** The `event:` field; "message" when the server named none. */
  readonly event: string;
  /** The `data:` lines, joined with "\n". */
  readonly data: string;
}

export interface SseParser {
  /** Feeds decoded text, in chunks cut anywhere; answers the messages completed by it. */
  push(chunk: string): SseMessage[];
}

interface Pending { event: string; data: string[] }

export function createSseParser(): SseParser {
  let buffer = '';
  // A chunk ending in "\r" may be the first half of a "\r\n" that the next chunk completes.
  let skipLeadingLf = false;
  let pending: Pending = { event: '', data: [] };

  function dispatch(out: SseMessage[]): void {
    // A named event without data still counts: the api's first event is `event: ready`.
    if (pending.data.length > 0 || pending.event !== '') {
      out.push({ event: pending.event === '' ? 'message' : pending.event, data: pending.data.join('\n') });
    }
    pending = { event: '', data: [] };
  }

  function line(text: string, out: SseMessage[]): void {
    if (text === '') return dispatch(out);
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') pending.data.push(value);
    else if (field === 'event') pending.event = value;
  }

  return {
    push(chunk) {
      const out: SseMessage[] = [];
      let text = chunk;
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      buffer += text;
      let match: RegExpExecArray | null;
      const breaks = /\r\n|\r|\n/g;
      let start = 0;
      while ((match = breaks.exec(buffer)) !== null) {
        if (match[0] === '\r' && match.index === buffer.length - 1) skipLeadingLf = true;
        line(buffer.slice(start, match.index), out);
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
      return out;
    },
  };
}
