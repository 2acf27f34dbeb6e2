import { useEffect, useState } from 'react';

/** The top-level fields the user changed from `base`: what to lay over a newer version. */
export function editedFields<Form extends object>(values: Form, base: Form): Partial<Form> {
  return Object.fromEntries(
    (Object.keys(values) as (keyof Form)[])
      .filter((key) => JSON.stringify(values[key]) !== JSON.stringify(base[key]))
      .map((key) => [key, values[key]]),
  ) as Partial<Form>;
}

/**
 * An edit form opened on one version of a record (`base`, once `latest` has loaded), saved
 * against that version with If-Match. When someone saved first, `rebase` fetches the newest and
 * starts the form again from it ("Reload") or lays the user's changed fields over it ("Merge"),
 * then calls `onRebased` (the save mutation's `reset`: its refusal is answered); `moveTo` does
 * the same with a version at hand (the answer of our own save). Null until loaded.
 */
export function useRebasedForm<Source, Form extends object>(
  latest: Source | undefined,
  toForm: (source: Source) => Form,
  refetch: () => Promise<{ data?: Source }>,
  onRebased?: () => void,
) {
  const [base, setBase] = useState<Source | null>(null);
  const [values, setValues] = useState<Form | null>(null);

  useEffect(() => {
    if (latest && !base) {
      setBase(latest);
      setValues(toForm(latest));
    }
  }, [latest, base, toForm]);

  const moveTo = (fresh: Source, keepMine: boolean) => {
    const mine = keepMine && base && values ? editedFields(values, toForm(base)) : {};
    setBase(fresh);
    setValues({ ...toForm(fresh), ...mine });
  };
  /** Answers whether a newer version came (and the form moved onto it). */
  const rebase = async (keepMine: boolean): Promise<boolean> => {
    const fresh = (await refetch()).data;
    if (!fresh) return false;
    moveTo(fresh, keepMine);
    onRebased?.();
    return true;
  };
  return { base, values, setValues, moveTo, rebase };
}
