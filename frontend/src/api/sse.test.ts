import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('parses events split across chunks, comments and CRLF', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\nevent: order.cre')).toEqual([]);
    expect(p.push('ated\r\ndata: {"a":1}\r\n\r\nevent: x\ndata: l1\ndata: l2\n')).toEqual([{ event: 'order.created', data: '{"a":1}' }]);
    expect(p.push('\n')).toEqual([{ event: 'x', data: 'l1\nl2' }]);
  });
});
