import { describe, expect, it } from 'vitest';
import { pictureBase } from './picture';

describe('the desktop app fetches pictures from its own server', () => {
  it('prefers this computer, then the first address, and has none without one', () => {
    expect(pictureBase(['http://192.168.1.20:8080/', 'http://127.0.0.1:8080/'])).toBe('http://127.0.0.1:8080');
    expect(pictureBase(['http://192.168.1.20:8080/'])).toBe('http://192.168.1.20:8080');
    expect(pictureBase([])).toBeNull();
  });
});
