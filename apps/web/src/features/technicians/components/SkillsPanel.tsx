import type { Technician } from '@msched/contracts';
import EditIcon from '@mui/icons-material/EditOutlined';
import { Button, Typography } from '@mui/material';
import { useState } from 'react';
import { Section } from '@/components/ui/Section';
import { SkillChips } from './SkillChips';
import { SkillsEditor } from './SkillsEditor';

interface Props {
  technician: Technician;
  editable: boolean;
  onReload: () => void;
}

/** The technician's skills with their levels (1 trainee … 5 expert); managers and admins edit them. */
export function SkillsPanel({ technician, editable, onReload }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <Section
      title="Skills"
      actions={
        editable &&
        !editing && (
          <Button size="small" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
            Edit skills
          </Button>
        )
      }
    >
      {editing ? (
        <SkillsEditor technician={technician} onDone={() => setEditing(false)} onReload={onReload} />
      ) : technician.skills.length > 0 ? (
        <SkillChips skills={technician.skills} />
      ) : (
        <Typography color="text.secondary">No skills recorded.</Typography>
      )}
    </Section>
  );
}
