/** How a weekly calendar's parts are named where it is shown and edited: a technician's shifts, a machine's windows. */
export interface WeeklyCalendarWording {
  /** A weekly row, as "Day of shift 1" and "Add shift" name it. */
  row: string;
  /** The weekly rows: fieldset legend and the view's table. */
  weekly: string;
  /** The time-zone field. */
  timezone: string;
  /** "Shift times in" Europe/Berlin. */
  timesIn: string;
  /** A weekday without rows. */
  emptyDay: string;
  /** The dated exceptions, in the editor (entered in the browser's time). */
  exceptions: string;
  /** The dated exceptions still ahead, in the view. */
  exceptionsAhead: string;
  addException: string;
  /** An exception's kind, as the editor offers it (`option`) and the view names it (`short`). */
  unavailable: { option: string; short: string };
  available: { option: string; short: string };
  /** Offered as a third kind where extra time may be overtime (a technician's). */
  overtime?: { option: string; short: string };
}
