import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type WorkOrderFilters, filtersFromParams, paramsFromFilters } from '../utils/filters';

/**
 * The list's filters, read from and written to the URL. Any change but paging starts again at
 * page 1 (page 7 of another result set is meaningless).
 */
export function useWorkOrderFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update = useCallback(
    (changes: Partial<WorkOrderFilters>, options: { replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const previous = filtersFromParams(current);
          return paramsFromFilters({ ...previous, ...changes, page: changes.page ?? 1 });
        },
        { replace: options.replace },
      );
    },
    [setParams],
  );
  const replaceAll = useCallback((query: string) => setParams(new URLSearchParams(query)), [setParams]);
  return { filters, query: paramsFromFilters(filters).toString(), update, replaceAll };
}
