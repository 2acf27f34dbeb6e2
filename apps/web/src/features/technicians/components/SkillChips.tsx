import type { SkillLevel } from '@msched/contracts';
import { Box, Chip } from '@mui/material';

/** "electrical 5" chips, strongest first. */
export function SkillChips({ skills }: { skills: SkillLevel[] }) {
  const sorted = [...skills].sort((a, b) => b.level - a.level || a.skill.localeCompare(b.skill));
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {sorted.map((entry) => (
        <Chip
          key={entry.skill}
          size="small"
          variant="outlined"
          label={`${entry.skill} ${entry.level}`}
          title={`${entry.skill}, level ${entry.level} of 5`}
        />
      ))}
    </Box>
  );
}
