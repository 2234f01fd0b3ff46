import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';

/**
 * After `seconds` without a touch, a key or a scroll, go to `to`; null when off. Returns
 * the seconds left, for a countdown; every touch starts the count again.
 */
export function useIdleReturn(seconds: number | null, to: string): number | null {
  const navigate = useNavigate();
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (seconds === null) return;
    let deadline = Date.now() + seconds * 1000;
    setLeft(seconds);
    const touched = () => {
      deadline = Date.now() + seconds * 1000;
      setLeft(seconds);
    };
    const tick = window.setInterval(() => {
      const rest = Math.ceil((deadline - Date.now()) / 1000);
      if (rest <= 0) navigate(to);
      else setLeft(rest);
    }, 250);
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touched, { passive: true });
    return () => {
      window.clearInterval(tick);
      for (const e of events) window.removeEventListener(e, touched);
    };
  }, [seconds, to, navigate]);
  return seconds === null ? null : left;
}
