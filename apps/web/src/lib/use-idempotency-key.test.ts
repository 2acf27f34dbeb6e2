import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useIdempotencyKey } from './use-idempotency-key';

describe('the idempotency key of a form', () => {
  it('stays the same for the same body until the server answered, so a retry creates nothing twice', () => {
    const { result } = renderHook(() => useIdempotencyKey());
    const first = result.current({ body: 'Seal replaced' });
    expect(result.current({ body: 'Seal replaced' })).toBe(first);
    expect(result.current({ body: 'Seal replaced, tested' })).not.toBe(first);
  });

  it('is new for the same body once forgotten after a success: a second comment on purpose is a new one', () => {
    const { result, rerender } = renderHook(() => useIdempotencyKey());
    const first = result.current({ body: 'Checked' });
    result.current.forget();
    rerender();
    expect(result.current({ body: 'Checked' })).not.toBe(first);
  });
});
