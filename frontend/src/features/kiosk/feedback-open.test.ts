import { describe, expect, it } from 'vitest';
import { feedbackOpen } from './FeedbackForm';

describe('feedback on an order', () => {
  it('opens once it is paid or completed, never when cancelled', () => {
    expect(feedbackOpen({ paid: false, status: 'placed' })).toBe(false);
    expect(feedbackOpen({ paid: false, status: 'ready' })).toBe(false);
    expect(feedbackOpen({ paid: true, status: 'placed' })).toBe(true);
    expect(feedbackOpen({ paid: false, status: 'completed' })).toBe(true);
    expect(feedbackOpen({ paid: true, status: 'cancelled' })).toBe(false);
  });
});
