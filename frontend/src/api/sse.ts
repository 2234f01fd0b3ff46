import type { CremaEvent } from './types';

/** One Server-Sent Event as it came off the wire. */
export interface RawEvent {
  event: string;
  data: string;
}

/** Incremental `text/event-stream` parser: feed it text as it arrives. */
export class SseParser {
  private buf = '';
  private event = '';
  private data: string[] = [];

  push(chunk: string): RawEvent[] {
    this.buf += chunk;
    const out: RawEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buf);
      if (!m) break;
      // A lone trailing \r may be the first half of \r\n: wait for more.
      if (m[0] === '\r' && m.index === this.buf.length - 1) break;
      const line = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // comment / keep-alive
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}

/** An event's name and data (as sent over SSE, or relayed by the desktop app) → a CremaEvent; unknown names → null. */
export function toEvent(name: string, data: string): CremaEvent | null {
  try {
    switch (name) {
      case 'order.created':
      case 'order.updated':
        return { type: name, order: JSON.parse(data) };
      case 'order.eta':
        return { type: name, eta: JSON.parse(data) };
      case 'menu.updated':
        return { type: name, menu: JSON.parse(data) };
      case 'settings.updated':
        return { type: name, settings: JSON.parse(data) };
      case 'printer.status':
      case 'printer.station_status':
        return { type: name, status: JSON.parse(data) };
      case 'security.alert':
        return { type: name, alert: JSON.parse(data) };
      case 'shift.closed':
        return { type: name, shift: JSON.parse(data) };
      case 'notification.created':
        return { type: name, notification: JSON.parse(data) };
      case 'feedback.created':
      case 'feedback.moderated':
        return { type: name, feedback: JSON.parse(data) };
      case 'feedback.public':
        return { type: name, list: JSON.parse(data) };
      case 'resync':
        return { type: 'resync' };
      default:
        return null;
    }
  } catch {
    return null;
  }
}
