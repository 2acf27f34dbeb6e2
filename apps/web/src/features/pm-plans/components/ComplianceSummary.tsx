import { Typography } from '@mui/material';
import { useMemo } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { useGetPmComplianceQuery } from '../api/get-pm-compliance';

export const COMPLIANCE_DAYS = 90;

/** The last 90 days up to the end of today: a range that stays the same all day (one cached answer). */
export function complianceRange(now = new Date()) {
  const to = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const from = new Date(to);
  from.setDate(from.getDate() - COMPLIANCE_DAYS);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** PM compliance (SMRP) over the last 90 days, with the rule it counts by. */
export function ComplianceSummary() {
  const today = new Date().toDateString();
  const range = useMemo(() => complianceRange(new Date(today)), [today]);
  const { data, error, refetch } = useGetPmComplianceQuery(range);
  return (
    <Section title={`PM compliance, last ${COMPLIANCE_DAYS} days`}>
      <ProblemAlert error={error} subject="compliance figure" onReload={refetch} />
      {data && (
        <>
          <Typography variant="h4" component="p">
            {data.rate === null ? '—' : `${data.rate} %`}
          </Typography>
          <Typography variant="body2">
            {data.rate === null
              ? 'No PM work was due in this period.'
              : `${data.completedInWindow} of ${data.due} PM work orders due were completed within their window.`}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {data.rule}
          </Typography>
        </>
      )}
    </Section>
  );
}
