import type { Technician } from '@msched/contracts';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import { Alert, Box, Button, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import { type FormEvent, useRef, useState } from 'react';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { FormActions } from '@/components/ui/FormActions';
import { focusFirstInvalid } from '@/lib/focus-first-invalid';
import type { FieldErrors } from '@/lib/form-errors';
import { nextRowKey } from '@/lib/row-key';
import { useVersionedForm } from '@/lib/use-versioned-form';
import { useUpdateTechnicianSkillsMutation } from '../api/update-technician-skills';
import { SKILL_LEVEL_LABELS, type SkillRow, parseSkills } from '../utils/skills-form';

// Each row keeps its own key, so removing one does not move focus or text to its neighbour.
const rowsOf = (technician: Technician): (SkillRow & { key: number })[] =>
  technician.skills.map(({ skill, level }) => ({ skill, level, key: nextRowKey() }));

interface Props {
  technician: Technician;
  onDone: () => void;
  onReload: () => void;
}

/** Edits the skill list; checked with the contract's schema before anything is sent, saved against the version shown. */
export function SkillsEditor({ technician, onDone, onReload }: Props) {
  const { form: rows, setForm: setRows, baseVersion, reload } = useVersionedForm(technician, rowsOf, onReload);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [update, { error, isLoading }] = useUpdateTechnicianSkillsMutation();
  const form = useRef<HTMLFormElement>(null);

  const change = (index: number, changes: Partial<SkillRow>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...changes } : row)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSkills(rows);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      return focusFirstInvalid(form.current);
    }
    setErrors({});
    const saved = await update({ id: technician.id, version: baseVersion, skills: parsed.skills })
      .unwrap()
      .then(() => true)
      .catch(() => false);
    if (saved) onDone();
  };

  return (
    <Box component="form" ref={form} onSubmit={save} noValidate aria-label="Skills">
      <Stack spacing={1.5}>
        {rows.map((row, index) => (
          <Box key={row.key} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              size="small"
              label={`Skill ${index + 1}`}
              value={row.skill}
              onChange={(event) => change(index, { skill: event.target.value })}
              error={Boolean(errors[`skills.${index}.skill`])}
              helperText={errors[`skills.${index}.skill`]}
              sx={{ flex: '1 1 160px' }}
            />
            <TextField
              select
              size="small"
              label={`Level of skill ${index + 1}`}
              value={row.level}
              onChange={(event) => change(index, { level: Number(event.target.value) })}
              sx={{ flex: '0 0 170px' }}
            >
              {Object.entries(SKILL_LEVEL_LABELS).map(([level, label]) => (
                <MenuItem key={level} value={Number(level)}>
                  {level} · {label}
                </MenuItem>
              ))}
            </TextField>
            <IconButton
              aria-label={`Remove ${row.skill || `skill ${index + 1}`}`}
              onClick={() => setRows((current) => current.filter((_, at) => at !== index))}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        ))}
        {errors.skills && !Object.keys(errors).some((path) => path.startsWith('skills.')) && (
          <Alert severity="error">{errors.skills}</Alert>
        )}
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => setRows((current) => [...current, { skill: '', level: 3, key: nextRowKey() }])}>
            Add skill
          </Button>
        </Box>
        <ProblemAlert error={error} subject="technician" onReload={reload} />
        <FormActions label="Save skills" busyLabel="Saving…" busy={isLoading} cancel={onDone} />
      </Stack>
    </Box>
  );
}
