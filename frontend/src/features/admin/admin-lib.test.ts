import { describe, expect, it } from 'vitest';
import type { MenuView, ShopSettings } from '../../api';
import { onlyThisComputer } from './api/get-server-info';
import { sameNamedItem } from './lib/duplicate-name';
import { couponToForm, emptyCoupon, formToCoupon } from './lib/coupon-form';
import { draftToLibraryGroup, draftsToGroups, groupsToDrafts, libraryDraft, libraryToDraft, newGroup, newOption, viewsToGroups } from './lib/modifier-draft';
import { moved } from './lib/reorder';
import { formToSettings, settingsToForm } from './lib/settings-form';

describe('moved (up/down reordering)', () => {
  it('swaps with the neighbour and leaves the ends alone', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('modifier group drafts', () => {
  it('builds groups with integer price deltas (negative allowed)', () => {
    const g = { ...newGroup(), name: ' Milk ', min: '1', max: '1' };
    g.options = [
      { key: 'a', name: 'Whole', delta: '' },
      { key: 'b', name: 'Oat', delta: '0,40' },
      { key: 'c', name: 'None', delta: '-0,10' },
    ];
    g.max = '2';
    expect(draftsToGroups([g], 'EUR', 2, 'de')).toEqual({
      ok: true,
      groups: [
        {
          name: 'Milk',
          min: 1,
          max: 2,
          options: [
            { name: 'Whole', price_delta: { amount: 0, currency: 'EUR' } },
            { name: 'Oat', price_delta: { amount: 40, currency: 'EUR' } },
            { name: 'None', price_delta: { amount: -10, currency: 'EUR' } },
          ],
        },
      ],
    });
  });
  it('names every problem', () => {
    const g = { ...newGroup(), name: '', min: '2', max: '1' };
    g.options = [{ key: 'a', name: '', delta: '0.555' }];
    const r = draftsToGroups([g], 'EUR', 2, 'en');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([
        { where: 'group', group: 0, error: 'name' },
        { where: 'group', group: 0, error: 'minMax' },
        { where: 'option', group: 0, option: 0, error: 'name' },
        { where: 'option', group: 0, option: 0, error: 'precision' },
      ]);
  });
  it('lets an option be taken up to a max above the number of options (a triple shot)', () => {
    const g = { ...newGroup(), name: 'Extra shot', min: '0', max: '3' };
    g.options = [{ key: 'a', name: 'Shot', delta: '0.60' }];
    expect(draftsToGroups([g], 'EUR', 2, 'en').ok).toBe(true);
    g.min = '2';
    const r = draftsToGroups([g], 'EUR', 2, 'en');
    expect(r.ok === false && r.problems).toEqual([{ where: 'group', group: 0, error: 'minOverOptions' }]);
  });
  it('keeps attached library groups by id, in their place among the item\'s own groups', () => {
    const eur = (amount: number) => ({ amount, currency: 'EUR' });
    const size = { id: 'g', name: 'Size', min: 1, max: 1, options: [{ id: 'o', name: 'Large', price_delta: eur(80) }] };
    const milk = { id: 'lib', name: 'Milk', min: 1, max: 1, options: [{ id: 'oat', name: 'Oat', price_delta: eur(40) }], used_by: [] };
    const library = new Set(['lib']);
    const drafts = groupsToDrafts([milk, size], 2, 'en', library);
    expect(drafts.map((d) => d.libraryId)).toEqual(['lib', undefined]);
    const attached = [...drafts, libraryDraft({ ...milk, id: 'lib2' }, 2, 'en')];
    expect(draftsToGroups(attached, 'EUR', 2, 'en')).toEqual({
      ok: true,
      groups: [{ library_group_id: 'lib' }, viewsToGroups([size])[0], { library_group_id: 'lib2' }],
    });
    expect(viewsToGroups([milk, size], library)[0]).toEqual({ library_group_id: 'lib' });
  });
  it('edits a library group keeping the ids of the options it keeps', () => {
    const milk = { id: 'lib', name: 'Milk', min: 1, max: 1, options: [{ id: 'oat', name: 'Oat', price_delta: { amount: 40, currency: 'EUR' } }], used_by: [] };
    const d = libraryToDraft(milk, 2, 'en');
    d.options[0]!.delta = '0.50';
    d.options.push({ ...newOption(), name: 'Soy', delta: '0.30' });
    expect(draftToLibraryGroup(d, 'EUR', 2, 'en')).toEqual({
      ok: true,
      group: {
        name: 'Milk',
        min: 1,
        max: 1,
        options: [
          { id: 'oat', name: 'Oat', price_delta: { amount: 50, currency: 'EUR' } },
          { name: 'Soy', price_delta: { amount: 30, currency: 'EUR' } },
        ],
      },
    });
    d.name = '';
    expect(draftToLibraryGroup(d, 'EUR', 2, 'en').ok).toBe(false);
  });
  it('round-trips the server view', () => {
    const view = [{ id: 'g', name: 'Size', min: 1, max: 1, options: [{ id: 'o', name: 'Large', price_delta: { amount: 80, currency: 'EUR' } }] }];
    const r = draftsToGroups(groupsToDrafts(view, 2, 'en'), 'EUR', 2, 'en');
    expect(r).toEqual({ ok: true, groups: [{ name: 'Size', min: 1, max: 1, options: [{ name: 'Large', price_delta: { amount: 80, currency: 'EUR' } }] }] });
  });
});

describe('coupon form', () => {
  it('turns "10" % into 1000 basis points and a fixed amount into minor units', () => {
    const r = formToCoupon({ ...emptyCoupon(), code: 'summer10', value: '10', usageLimit: '100', firstOrderOnly: true }, 'EUR', 2, 'en');
    expect(r).toEqual({
      ok: true,
      coupon: {
        code: 'SUMMER10',
        kind: 'percent',
        value: 1000,
        min_subtotal: null,
        valid_from: null,
        valid_until: null,
        usage_limit: 100,
        active: true,
        once_per_customer: false,
        first_order_only: true,
        regulars_only: false,
      },
    });
    const f = formToCoupon({ ...emptyCoupon(), code: 'TWO', kind: 'fixed', value: '2,50', minSubtotal: '10' }, 'EUR', 2, 'de');
    expect(f.ok && f.coupon.value).toBe(250);
    expect(f.ok && f.coupon.min_subtotal).toEqual({ amount: 1000, currency: 'EUR' });
  });
  it('rejects bad input with reasons', () => {
    const r = formToCoupon(
      { ...emptyCoupon(), code: 'x', value: '0', usageLimit: 'lots', validFrom: '2030-01-02T10:00', validUntil: '2030-01-01T10:00' },
      'EUR',
      2,
      'en',
    );
    expect(r).toEqual({ ok: false, problems: { code: 'code', value: 'zero', usageLimit: 'format', validUntil: 'order' } });
    expect(formToCoupon({ ...emptyCoupon(), code: 'ABC', value: '120' }, 'EUR', 2, 'en')).toEqual({ ok: false, problems: { value: 'range' } });
  });
  it('fills the form from a coupon', () => {
    const f = couponToForm(
      { code: 'A1B', kind: 'percent', value: 1250, used_count: 0, active: false, usage_limit: null, once_per_customer: true, first_order_only: false, regulars_only: false },
      2,
      'de',
    );
    expect(f).toMatchObject({ code: 'A1B', value: '12,5', active: false, usageLimit: '', oncePerCustomer: true, regularsOnly: false });
  });
});

describe('settings form', () => {
  const s: ShopSettings = {
    shop_name: 'Crema',
    currency: 'EUR',
    tax_mode: 'inclusive',
    tax_rate_bps: 700,
    tax_classes: [
      { id: 'standard', name: 'Standard', eat_in_bps: 1900, takeaway_bps: 700 },
      { id: 'drinks', name: 'Drinks', eat_in_bps: 1900, takeaway_bps: 1900 },
    ],
    receipt_header: '',
    receipt_footer: '',
    ticket_amber_minutes: 5,
    ticket_red_minutes: 10,
    regular_after_visits: 5,
    cashier_refund_limit: 2500,
    cashier_discount_limit: 1250,
    default_order_type: 'dine_in',
    uses_tables: true,
    kiosk_return_seconds: 45,
    kitchen_gets_unpaid_orders: false,
    timezone: 'Europe/Berlin',
  };
  it('round-trips, the limits and order defaults included', () => {
    expect(formToSettings(settingsToForm(s, 'de'), 'de')).toEqual({ ok: true, settings: s });
    expect(settingsToForm(s, 'de')).toMatchObject({ cashier_refund_limit: '25,00', cashier_discount_limit: '12,5' });
  });
  it('reads the limits as money and a percentage, within the server bounds', () => {
    const f = settingsToForm(s, 'en');
    const r = formToSettings({ ...f, cashier_refund_limit: '30', cashier_discount_limit: '15' }, 'en');
    expect(r.ok && [r.settings.cashier_refund_limit, r.settings.cashier_discount_limit]).toEqual([3000, 1500]);
    const none = formToSettings({ ...f, cashier_discount_limit: ' ' }, 'en');
    expect(none.ok && none.settings.cashier_discount_limit).toBe(0);
    const bad = formToSettings({ ...f, cashier_refund_limit: '-5', cashier_discount_limit: '101' }, 'en');
    expect(!bad.ok && bad.problems).toEqual({ cashier_refund_limit: 'refundLimit', cashier_discount_limit: 'discountLimit' });
  });
  it('checks the server rules first', () => {
    const form = settingsToForm(s, 'en');
    const f = { ...form, shop_name: ' ', currency: 'euro', ticket_amber_minutes: '12', regular_after_visits: '0', tax_classes: [{ ...form.tax_classes[0]!, eat_in: '7.125' }] };
    expect(formToSettings(f, 'en')).toEqual({
      ok: false,
      problems: { shop_name: 'shopName', currency: 'currency', ticket_red_minutes: 'amberBeforeRed', regular_after_visits: 'visits' },
      classProblems: [{ eat_in: 'rate' }],
    });
  });
  it('an empty kiosk return is each kiosk\'s own; out of bounds is a problem', () => {
    const f = settingsToForm(s, 'en');
    const each = formToSettings({ ...f, kiosk_return_seconds: ' ' }, 'en');
    expect(each.ok && each.settings.kiosk_return_seconds).toBeNull();
    for (const bad of ['4', '601', 'soon', '1.5']) {
      const r = formToSettings({ ...f, kiosk_return_seconds: bad }, 'en');
      expect(!r.ok && r.problems.kiosk_return_seconds).toBe('returnSeconds');
    }
  });
  it('sends the standard takeaway rate as tax_rate_bps', () => {
    const f = settingsToForm(s, 'en');
    f.tax_classes[0] = { ...f.tax_classes[0]!, takeaway: '5.5' };
    const r = formToSettings(f, 'en');
    expect(r.ok && [r.settings.tax_rate_bps, r.settings.tax_classes![0]!.takeaway_bps]).toEqual([550, 550]);
  });
});

describe('sameNamedItem', () => {
  const item = (id: string, name: string) => ({ id, name }) as MenuView['categories'][number]['items'][number];
  const menu = { currency: 'EUR', categories: [{ id: 'c1', name: 'Coffee', items: [item('a', 'Flat white'), item('b', 'Latte')] }] } as unknown as MenuView;
  it('finds another item of the same name, whatever the case and spaces', () => {
    expect(sameNamedItem(menu, '  flat WHITE ')).toEqual({ name: 'Flat white', category: 'Coffee' });
    expect(sameNamedItem(menu, 'Cappuccino')).toBeNull();
  });
  it('is not the item itself', () => {
    expect(sameNamedItem(menu, 'Latte', 'b')).toBeNull();
    expect(sameNamedItem(menu, '')).toBeNull();
  });
});

describe('onlyThisComputer', () => {
  it('is true when no address leaves this computer', () => {
    expect(onlyThisComputer(['http://127.0.0.1:8080/'])).toBe(true);
    expect(onlyThisComputer(['http://[::1]:8080/'])).toBe(true);
    expect(onlyThisComputer(['http://192.168.1.20:8080/', 'http://127.0.0.1:8080/'])).toBe(false);
    expect(onlyThisComputer([])).toBe(false);
  });
});
