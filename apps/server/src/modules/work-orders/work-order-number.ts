/** `WO-000123`: the per-organization number as shown to people. */
export const formatWorkOrderNumber = (number: number) => `WO-${String(number).padStart(6, '0')}`;
