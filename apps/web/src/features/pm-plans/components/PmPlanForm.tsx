import type { Meter } from '@msched/contracts';
import { Box, Button, Paper, Stack } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { FieldErrorsAlert } from '@/components/ui/FieldErrorsAlert';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { type FieldErrors, problemFieldErrors } from '@/lib/form-errors';
import type { PmPlanFormValues } from '../utils/pm-plan-form';
import { CalendarTriggerFields } from './CalendarTriggerFields';
import { MeterTriggerFields } from './MeterTriggerFields';
import { PlanBasicsFields } from './PlanBasicsFields';
import { ScheduleRulesFields } from './ScheduleRulesFields';
import { TemplateFields } from './TemplateFields';
import { TemplatePartsField } from './TemplatePartsField';
import { TemplateTasksField } from './TemplateTasksField';

interface Props {
  label: string;
  values: PmPlanFormValues;
  /** What the form's own check refused. */
  errors: FieldErrors;
  /** The last save's refusal: its field messages go beside the fields, its alert is among `notices`. */
  serverError: unknown;
  meters: Meter[] | undefined;
  onChange: (values: PmPlanFormValues) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  submitLabel: string;
  busy: boolean;
  cancelTo: string;
  /** Read-only (technicians see plans but do not change them). */
  readOnly?: boolean;
  /** Alerts above the fields (the server's problem, changed meanwhile). */
  notices?: ReactNode;
}

/** The plan editor: plan, triggers, work-order template and rules, each a section; messages beside the fields. */
export function PmPlanForm({
  label,
  values,
  errors: checkErrors,
  serverError,
  meters,
  onChange,
  onSubmit,
  submitLabel,
  busy,
  cancelTo,
  readOnly,
  notices,
}: Props) {
  const change = (changes: Partial<PmPlanFormValues>) => onChange({ ...values, ...changes });
  const serverErrors = problemFieldErrors(serverError);
  const errors = { ...serverErrors, ...checkErrors };
  return (
    <Box component="form" noValidate onSubmit={onSubmit} aria-label={label}>
      <Stack spacing={2}>
        {/* The server's refusal of fields already says "Some fields need attention" among the notices. */}
        {Object.keys(serverErrors).length === 0 && <FieldErrorsAlert errors={checkErrors} />}
        {notices}
        <Section title="Plan">
          <PlanBasicsFields values={values} errors={errors} onChange={change} disabled={readOnly} />
        </Section>
        <Section title="Triggers">
          <Stack spacing={2}>
            {errors.calendar && !Object.keys(errors).some((path) => path.startsWith('calendar.')) && (
              <ProblemAlert error={{ status: 400, data: { title: 'Triggers', detail: errors.calendar } }} />
            )}
            <CalendarTriggerFields
              calendar={values.calendar}
              errors={errors}
              onChange={(calendar) => change({ calendar: { ...values.calendar, ...calendar } })}
              disabled={readOnly}
            />
            <MeterTriggerFields
              meter={values.meter}
              meters={meters}
              errors={errors}
              onChange={(meter) => change({ meter: { ...values.meter, ...meter } })}
              disabled={readOnly}
            />
          </Stack>
        </Section>
        <Section title="Work order template">
          <Stack spacing={3}>
            <TemplateFields
              template={values.template}
              errors={errors}
              onChange={(template) => change({ template: { ...values.template, ...template } })}
              disabled={readOnly}
            />
            <TemplateTasksField
              tasks={values.template.tasks}
              errors={errors}
              onChange={(tasks) => change({ template: { ...values.template, tasks } })}
              disabled={readOnly}
            />
            <TemplatePartsField
              parts={values.template.parts}
              errors={errors}
              onChange={(parts) => change({ template: { ...values.template, parts } })}
              disabled={readOnly}
            />
          </Stack>
        </Section>
        <Section title="Lead time, compliance and holidays">
          <ScheduleRulesFields values={values} errors={errors} onChange={change} disabled={readOnly} />
        </Section>
        <Paper variant="outlined" sx={{ p: 2, display: 'flex', gap: 1 }}>
          {!readOnly && (
            <Button type="submit" variant="contained" disabled={busy}>
              {submitLabel}
            </Button>
          )}
          <Button component={RouterLink} to={cancelTo}>
            {readOnly ? 'Back to the plans' : 'Cancel'}
          </Button>
        </Paper>
      </Stack>
    </Box>
  );
}
