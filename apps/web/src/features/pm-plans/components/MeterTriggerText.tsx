import type { MeterTrigger } from '@msched/contracts';
import { useGetMeterQuery } from '../api/get-meter';
import { describeMeter } from '../utils/trigger-summary';

/** "Run hours: every 500 h" — the trigger in the meter's own name and unit. */
export function MeterTriggerText({ meter }: { meter: MeterTrigger }) {
  const { data } = useGetMeterQuery(meter.meterId);
  return <>{`${data?.name ?? 'Meter'}: ${describeMeter(meter, data?.unit)}`}</>;
}
