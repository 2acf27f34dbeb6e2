import { useEffect, useState } from 'react';

/**
 * A form edited against one version of a record. Live updates of the record do not touch the
 * form or the version it will be saved against (a save then gets its 412); "Reload" fetches the
 * newest and starts the form again from it.
 */
export function useVersionedForm<Source extends { version: number }, Form>(
  source: Source,
  toForm: (source: Source) => Form,
  refetch: () => unknown,
) {
  const [form, setForm] = useState<Form>(() => toForm(source));
  const [baseVersion, setBaseVersion] = useState(source.version);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!reloading || source.version === baseVersion) return;
    setForm(toForm(source));
    setBaseVersion(source.version);
    setReloading(false);
  }, [reloading, source, baseVersion, toForm]);

  const reload = () => {
    setReloading(true);
    refetch();
  };
  return { form, setForm, baseVersion, reload };
}
