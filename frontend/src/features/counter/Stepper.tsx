import { Button } from '../../ui';

/** − value + between `min` and `max` (test ids `<testid>-less`, `<testid>-value`, `<testid>-more`). */
export function Stepper({
  value,
  min,
  max,
  onChange,
  label,
  less,
  more,
  testid,
}: {
  value: number;
  min: number;
  max: number;
  onChange: (v: number) => void;
  /** The group's name, and what the buttons say to a screen reader. */
  label: string;
  less: string;
  more: string;
  testid: string;
}) {
  return (
    <div className="qty" role="group" aria-label={label}>
      <Button onClick={() => onChange(value - 1)} disabled={value <= min} aria-label={less} data-testid={`${testid}-less`}>
        −
      </Button>
      <span className="qty-value" aria-live="polite" data-testid={`${testid}-value`}>
        {value}
      </span>
      <Button onClick={() => onChange(value + 1)} disabled={value >= max} aria-label={more} data-testid={`${testid}-more`}>
        +
      </Button>
    </div>
  );
}
