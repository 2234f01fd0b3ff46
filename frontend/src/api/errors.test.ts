import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { ApiError, errorFromResponse, type ErrorCode } from './errors';

/** The admin panel's translated error texts are keyed by code: every key must be a code. */
type AdminErrorKey = keyof typeof en.admin.errors;
const everyKeyIsACode: AdminErrorKey extends ErrorCode ? true : never = true;
/** The same for the counter's (payments, refunds, cancels). */
type CounterErrorKey = keyof typeof en.counter.errors;
const everyCounterKeyIsACode: CounterErrorKey extends ErrorCode ? true : never = true;

describe('error codes', () => {
  it('come from the server’s table: a misspelt code does not type-check', () => {
    const e = new ApiError(422, 'coupon_invalid', 'no such coupon');
    // @ts-expect-error 'coupon_invalidd' is not an ErrorCode, so comparing with it is a type error
    expect(e.code === 'coupon_invalidd').toBe(false);
    expect(e.code).toBe('coupon_invalid');
    expect(everyKeyIsACode).toBe(true);
    expect(everyCounterKeyIsACode).toBe(true);
  });

  it('keep the server’s code and message, and fall back to the status without a JSON body', async () => {
    const body = JSON.stringify({ error: { code: 'email_taken', message: 'taken' } });
    const e = await errorFromResponse(new Response(body, { status: 409 }));
    expect([e.status, e.code, e.message]).toEqual([409, 'email_taken', 'taken']);
    const plain = await errorFromResponse(new Response('oops', { status: 502, statusText: 'Bad Gateway' }));
    expect([plain.status, plain.code]).toEqual([502, 'http_502']);
    expect(plain.retryAfter).toBeNull();
  });

  it('keep a 429\'s Retry-After in seconds', async () => {
    const body = JSON.stringify({ error: { code: 'pin_locked', message: 'locked for 299 s' } });
    const e = await errorFromResponse(new Response(body, { status: 429, headers: { 'Retry-After': '299' } }));
    expect([e.code, e.retryAfter]).toEqual(['pin_locked', 299]);
  });
});
