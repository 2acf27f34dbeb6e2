import type { AnalyticsOverview, DashboardStats } from '@msched/contracts';
import { Box } from '@mui/material';
import { dashboardLinks } from '../utils/dashboard-links';
import { formatCount, formatHours, formatPercent, formatWeeks } from '../utils/figures';
import { KpiTile } from './KpiTile';

interface Props {
  stats: DashboardStats;
  backlog: AnalyticsOverview['backlog'] | undefined;
  now: Date;
}

/** The headline figures, each a link to the work orders it counts. */
export function WorkloadTiles({ stats, backlog, now }: Props) {
  const compliance = stats.pmCompliance.rate;
  return (
    <Box
      component="ul"
      aria-label="Key figures"
      sx={{
        listStyle: 'none',
        p: 0,
        m: 0,
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(3, 1fr)', lg: 'repeat(6, 1fr)' },
      }}
    >
      <li>
        <KpiTile
          label="Open work orders"
          value={formatCount(stats.openWorkOrders)}
          detail={`of ${formatCount(stats.totalWorkOrders)} in total`}
          to={dashboardLinks.openWork}
        />
      </li>
      <li>
        <KpiTile
          label="Overdue"
          value={formatCount(stats.overdueWorkOrders)}
          detail="open and past their due date"
          tone={stats.overdueWorkOrders > 0 ? 'error' : 'success'}
          to={dashboardLinks.overdueWork(now)}
        />
      </li>
      <li>
        <KpiTile
          label="High priority"
          value={formatCount(stats.highPriorityWorkOrders)}
          detail="open, high or critical"
          tone={stats.highPriorityWorkOrders > 0 ? 'warning' : 'default'}
          to={dashboardLinks.highPriorityWork}
        />
      </li>
      <li>
        <KpiTile
          label="Backlog"
          value={backlog ? formatWeeks(backlog.backlogWeeks) : '…'}
          detail={
            backlog
              ? `${formatHours(backlog.openEstimatedHours)} of ${formatHours(backlog.weeklyCrewHours)} crew time a week`
              : 'in weeks of crew time'
          }
          to={dashboardLinks.openWork}
        />
      </li>
      <li>
        <KpiTile
          label="PM compliance"
          value={formatPercent(compliance)}
          detail={`${stats.pmCompliance.completedInWindow} of ${stats.pmCompliance.due} due in 30 days done in time`}
          tone={compliance === null ? 'default' : compliance >= 90 ? 'success' : 'warning'}
          to={dashboardLinks.pmPlans}
        />
      </li>
      <li>
        <KpiTile
          label="Mean time to complete"
          value={formatHours(Math.round(stats.averageCompletionTime * 10) / 10)}
          detail="start to end, finished work"
          to={dashboardLinks.completedWork}
        />
      </li>
    </Box>
  );
}
