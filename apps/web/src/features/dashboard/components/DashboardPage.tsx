import { MenuItem, Stack, TextField } from '@mui/material';
import { useMemo } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { TwoColumns } from '@/components/ui/TwoColumns';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { RoleGate } from '@/components/ui/RoleGate';
import { can } from '@/lib/auth/permissions';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { formatDateTime } from '@/lib/format';
import { useGetAnalyticsOverviewQuery } from '../api/get-analytics-overview';
import { useGetDashboardStatsQuery } from '../api/get-dashboard-stats';
import { TREND_WEEK_CHOICES, useTrendWeeks } from '../hooks/use-trend-weeks';
import { LeadersPanel } from './LeadersPanel';
import { OverdueTrendChart } from './OverdueTrendChart';
import { PmComplianceChart } from './PmComplianceChart';
import { ReliabilityChart } from './ReliabilityChart';
import { UtilizationChart } from './UtilizationChart';
import { WorkloadTiles } from './WorkloadTiles';

/** The manager's view: headline figures and trends, each leading to the list behind it; kept current by the real-time channel. */
export function DashboardPage() {
  const user = useCurrentUser();
  return (
    <RoleGate
      allowed={can(user, 'analytics.read')}
      title="Dashboard"
      reason="The dashboard is for planners, managers and administrators; your own work is under My work and Work orders."
    >
      <Dashboard />
    </RoleGate>
  );
}

function Dashboard() {
  const { weeks, setWeeks } = useTrendWeeks();
  const stats = useGetDashboardStatsQuery();
  const overview = useGetAnalyticsOverviewQuery({ weeks });
  const now = useMemo(() => new Date(overview.data?.generatedAt ?? Date.now()), [overview.data?.generatedAt]);

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={overview.data ? `As of ${formatDateTime(overview.data.generatedAt)}` : undefined}
        actions={
          <TextField
            select
            size="small"
            label="Trends over"
            value={weeks}
            onChange={(event) => setWeeks(Number(event.target.value))}
            sx={{ minWidth: 150 }}
          >
            {TREND_WEEK_CHOICES.map((choice) => (
              <MenuItem key={choice} value={choice}>
                {choice} weeks
              </MenuItem>
            ))}
          </TextField>
        }
      />
      <Stack spacing={2}>
        <ProblemAlert error={stats.error} subject="dashboard" onReload={stats.refetch} />
        <ProblemAlert error={overview.error} subject="dashboard" onReload={overview.refetch} />
        {stats.isLoading && <LoadingBlock label="Loading the figures…" />}
        {stats.data && <WorkloadTiles stats={stats.data} backlog={overview.data?.backlog} now={now} />}
        {overview.isLoading && <LoadingBlock label="Loading the trends…" />}
        <TwoColumns ratio={[1, 1]}>
          {overview.data && <OverdueTrendChart points={overview.data.overdueTrend} now={now} />}
          {overview.data && stats.data && <PmComplianceChart current={stats.data.pmCompliance} weeks={overview.data.pmComplianceTrend} />}
          {overview.data && <UtilizationChart utilization={overview.data.utilization} />}
          {stats.data && <LeadersPanel stats={stats.data} />}
        </TwoColumns>
        {overview.data && <ReliabilityChart types={overview.data.reliabilityByType} />}
      </Stack>
    </>
  );
}
