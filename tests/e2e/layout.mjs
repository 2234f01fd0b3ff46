// Measurements the screen tests share: element boxes against the viewport and their
// parents, the size of everything a finger can tap; and the cash pad's keys for an amount.

/** The element's box, or null when it is not rendered. */
export async function box(locator) {
  return locator.boundingBox();
}

/** True when the box lies wholly inside the viewport (a pixel of rounding allowed). */
export function insideViewport(b, viewport) {
  return b !== null && b.x >= -1 && b.y >= -1 && b.x + b.width <= viewport.width + 1 && b.y + b.height <= viewport.height + 1;
}

/**
 * Every visible tappable element (buttons, links, inputs, selects, tabs, radios) smaller
 * than `min` px either way or cut off at the viewport's sides; the page itself may
 * scroll down (an element below the fold is reachable) but never sideways.
 */
export async function badTargets(page, min = 44) {
  return page.evaluate((min) => {
    const vw = document.documentElement.clientWidth;
    const sel = 'button, a[href], input:not([type=hidden]), select, textarea, [role=tab], [role=radio], [role=checkbox], [role=button]';
    const out = [];
    if (document.scrollingElement.scrollWidth > vw + 1) out.push(`the page scrolls sideways: ${document.scrollingElement.scrollWidth} > ${vw}`);
    for (const el of document.querySelectorAll(sel)) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (el.closest('dialog:not([open]), [inert], [aria-hidden=true]')) continue;
      let r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // A checkbox or radio is tapped through its label: the label is the target.
      const label = el.matches('input[type=checkbox], input[type=radio]') ? el.closest('label') : null;
      if (label) r = label.getBoundingClientRect();
      const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || el.tagName).trim().slice(0, 40);
      if (r.width < min - 0.5 || r.height < min - 0.5) out.push(`${name}: ${Math.round(r.width)}×${Math.round(r.height)}`);
      else if (r.left < -1 || r.right > vw + 1) out.push(`${name}: cut off at ${Math.round(r.left)}–${Math.round(r.right)} (viewport ${vw})`);
    }
    return out;
  }, min);
}

/** Elements whose box sticks out of their parent's box (sideways), or out of the page's width. */
export async function overflowing(page, root = 'body') {
  return page.evaluate((root) => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelector(root).querySelectorAll('*')) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || s.visibility === 'hidden' || s.position === 'fixed' || s.position === 'absolute') continue;
      if (el.closest('dialog:not([open]), .sr-only, svg, .receipt')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const p = el.parentElement;
      const pr = p.getBoundingClientRect();
      const ps = getComputedStyle(p);
      // A zero-width anchor (charts measure themselves from one) holds its content on purpose.
      if (pr.width === 0 && ps.overflowX === 'visible') continue;
      const scrolls = /(auto|scroll)/.test(ps.overflowX);
      const name = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent || '').trim().slice(0, 30)}"`;
      if (r.right > vw + 1) out.push(`${name}: right edge ${Math.round(r.right)} > ${vw}`);
      else if (!scrolls && (r.left < pr.left - 1 || r.right > pr.right + 1)) out.push(`${name}: ${Math.round(r.left)}–${Math.round(r.right)} outside its parent ${Math.round(pr.left)}–${Math.round(pr.right)}`);
    }
    return out;
  }, root);
}

/** The cash pad's keys for an amount in minor units, whole units first: 5100 → 5, 1; 450 → 4, dec, 5, 0. */
export function amountKeys(minor) {
  const whole = Math.floor(minor / 100);
  const cents = minor % 100;
  const keys = whole > 0 ? [...String(whole)] : [];
  return cents > 0 ? [...keys, 'dec', ...String(cents).padStart(2, '0')] : keys;
}
