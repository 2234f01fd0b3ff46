import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import openapi from '../../api/openapi.json';
import { en } from '../../i18n/en';
import { de } from '../../i18n/de';
import { notificationText } from './lib/notification-text';

const schemas = openapi.components.schemas as unknown as Record<string, { enum?: string[] }>;
const KINDS = schemas.NotificationKind?.enum ?? [];

describe('notification texts', () => {
  afterAll(() => i18n.changeLanguage('en'));

  it('word every kind the server sends in English and German', () => {
    expect(KINDS.length).toBeGreaterThan(5);
    for (const d of [en, de]) {
      const kinds = d.inbox.kinds as Record<string, string>;
      for (const k of KINDS) expect(kinds[k], k).toBeTruthy();
    }
  });

  it('fill in the params, Money in the language', async () => {
    await i18n.changeLanguage('en');
    const refund = {
      kind: 'refund_above_limit' as const,
      params: { order_number: 12, amount: { amount: 2500, currency: 'EUR' }, limit: { amount: 2000, currency: 'EUR' } },
    };
    expect(notificationText(i18n, refund)).toBe('A refund of €25.00 on order 12, above the limit of €20.00.');
    await i18n.changeLanguage('de');
    expect(notificationText(i18n, refund)).toContain('25,00');
    expect(notificationText(i18n, { kind: 'item_sold_out', params: { item_name: 'Carrot cake' } })).toBe('Carrot cake ist ausverkauft.');
  });

  it('name the station whose printer is offline', async () => {
    await i18n.changeLanguage('en');
    const bar = { kind: 'printer_offline' as const, params: { station: 'bar', error_code: 'cannot_connect' } };
    expect(notificationText(i18n, bar)).toBe('The printer of the bar station is offline.');
    expect(notificationText(i18n, { kind: 'printer_offline', params: {} })).toBe('The receipt printer is offline.');
    await i18n.changeLanguage('de');
    expect(notificationText(i18n, bar)).toBe('Der Drucker der Station bar ist offline.');
  });

  it('say something for a kind this client does not know', async () => {
    await i18n.changeLanguage('en');
    const unknown = { kind: 'fire_alarm' as unknown as 'sync_behind', params: {} };
    expect(notificationText(i18n, unknown)).toBe('Something needs a look (fire_alarm).');
  });
});
