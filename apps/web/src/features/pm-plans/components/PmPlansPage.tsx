import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Tab, Tabs } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { PageHeader } from '@/components/ui/PageHeader';
import { useCurrentUser } from '@/lib/auth/use-current-user';
import { type PlanTab, usePlanListParams } from '../hooks/use-plan-list-params';
import { canWritePlans } from '../utils/labels';
import { ForecastPanel } from './ForecastPanel';
import { HolidaysPanel } from './HolidaysPanel';
import { PlanListPanel } from './PlanListPanel';

const TAB_LABEL: Record<PlanTab, string> = { plans: 'Plans', forecast: 'Load forecast', holidays: 'Holidays' };

/** Preventive maintenance: the plans, the load they will make against capacity, and the calendar they follow. */
export function PmPlansPage() {
  const user = useCurrentUser();
  const canWrite = canWritePlans(user);
  const { params, update } = usePlanListParams();

  return (
    <>
      <PageHeader
        title="Preventive maintenance"
        actions={
          canWrite && (
            <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to="/pm-plans/new">
              New PM plan
            </Button>
          )
        }
      />
      <Tabs
        value={params.tab}
        onChange={(_event, tab: PlanTab) => update({ tab })}
        aria-label="PM views"
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ mb: 2 }}
      >
        {(Object.keys(TAB_LABEL) as PlanTab[]).map((tab) => (
          <Tab key={tab} value={tab} label={TAB_LABEL[tab]} id={`pm-tab-${tab}`} aria-controls={`pm-panel-${tab}`} />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`pm-panel-${params.tab}`} aria-labelledby={`pm-tab-${params.tab}`}>
        {params.tab === 'plans' && <PlanListPanel params={params} update={update} canWrite={canWrite} />}
        {params.tab === 'forecast' && <ForecastPanel weeks={params.weeks} onWeeks={(weeks) => update({ weeks })} />}
        {params.tab === 'holidays' && <HolidaysPanel canWrite={canWrite} />}
      </Box>
    </>
  );
}
