import type { LoyaltySettings } from '../../../api';
import { formatBps, formatDecimal, parseDecimal, parsePercentBps } from '../../../ui/decimal';

/** Most tiers the server takes. */
export const MAX_TIERS = 5;

/** One tier as typed: the spend from which it applies ("100.00") and its percentage ("5"). */
export interface TierDraft {
  minSpend: string;
  percent: string;
}

export interface LoyaltyForm {
  tiers: TierDraft[];
  /** Points per whole currency unit paid; "" or "0": none. */
  pointsPerUnit: string;
  /** Points worth one currency unit; "" or "0": points cannot be redeemed. */
  pointsForUnit: string;
}

export type TierProblem = 'spend' | 'percent' | 'order';
export type LoyaltyProblems = { tiers: (TierProblem | null)[]; pointsPerUnit?: true; pointsForUnit?: true };

export function loyaltyToForm(l: LoyaltySettings | undefined, digits: number, locale: string): LoyaltyForm {
  return {
    tiers: (l?.tiers ?? []).map((t) => ({ minSpend: formatDecimal(t.min_spend, digits, locale), percent: formatBps(t.basis_points, locale) })),
    pointsPerUnit: String(l?.points_per_unit ?? 0),
    pointsForUnit: String(l?.points_for_unit ?? 0),
  };
}

function wholeUpTo(s: string, max: number): number | null {
  const v = s.trim() === '' ? '0' : s.trim();
  if (!/^\d{1,7}$/.test(v) || Number(v) > max) return null;
  return Number(v);
}

/**
 * Checks the form as the server does: at most 5 tiers, each from a positive spend (ascending,
 * each above the one before) and 0.01 % to 100 % off; points rates whole numbers in range.
 */
export function formToLoyalty(f: LoyaltyForm, digits: number, locale: string): { ok: true; loyalty: LoyaltySettings } | { ok: false; problems: LoyaltyProblems } {
  const problems: LoyaltyProblems = { tiers: f.tiers.map(() => null) };
  let bad = false;
  let last = 0;
  const tiers = f.tiers.map((t, i) => {
    const spend = parseDecimal(t.minSpend, { digits, locale });
    const pct = parsePercentBps(t.percent, locale);
    if (!spend.ok || spend.value <= 0) problems.tiers[i] = 'spend';
    else if (spend.value <= last) problems.tiers[i] = 'order';
    else if (!pct.ok || pct.value < 1) problems.tiers[i] = 'percent';
    if (problems.tiers[i]) bad = true;
    if (spend.ok && spend.value > last) last = spend.value;
    return { min_spend: spend.ok ? spend.value : 0, basis_points: pct.ok ? pct.value : 0 };
  });
  const perUnit = wholeUpTo(f.pointsPerUnit, 1000);
  const forUnit = wholeUpTo(f.pointsForUnit, 1_000_000);
  if (perUnit === null) problems.pointsPerUnit = true;
  if (forUnit === null) problems.pointsForUnit = true;
  if (bad || perUnit === null || forUnit === null || tiers.length > MAX_TIERS) return { ok: false, problems };
  return { ok: true, loyalty: { tiers, points_per_unit: perUnit, points_for_unit: forUnit } };
}
