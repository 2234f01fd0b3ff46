import { describe, expect, it } from 'vitest';
import { checkPicture, MAX_PICTURE_BYTES, sniffPicture } from './lib/picture';

const bytes = (...b: (number | string)[]) =>
  new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('pictures before upload', () => {
  it('tells the three formats by their bytes', () => {
    expect(sniffPicture(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffPicture(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe('image/png');
    expect(sniffPicture(bytes('RIFF', 1, 2, 3, 4, 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffPicture(bytes('RIFF', 1, 2, 3, 4, 'WAVEfmt '))).toBeNull();
    expect(sniffPicture(bytes('GIF89a'))).toBeNull();
    expect(sniffPicture(bytes('hello'))).toBeNull();
    expect(sniffPicture(bytes())).toBeNull();
  });

  it('refuses empty, too large and non-pictures, and sends the type the bytes are', () => {
    const png = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a);
    expect(checkPicture(0, png)).toEqual({ ok: false, problem: 'empty' });
    expect(checkPicture(MAX_PICTURE_BYTES + 1, png)).toEqual({ ok: false, problem: 'too_large' });
    expect(checkPicture(MAX_PICTURE_BYTES, png)).toEqual({ ok: true, type: 'image/png' });
    expect(checkPicture(10, bytes('plain text'))).toEqual({ ok: false, problem: 'not_a_picture' });
  });
});
