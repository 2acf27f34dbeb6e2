import HelpIcon from '@mui/icons-material/HelpOutlineOutlined';
import { Box, IconButton, Tooltip } from '@mui/material';
import { srOnly } from '../utils/sr-only';
import { KEY_HELP_ID } from './BoardBar';

const KEYS: [string, string][] = [
  ['Drag', 'a bar or backlog item onto a technician’s hour (day) or half-day (week)'],
  ['Tab', 'move between bars and backlog items'],
  ['Enter or Space', 'open “Move…”: pick a technician and a start'],
  ['← →', 'nudge a bar by half an hour (day) or an hour (week); with Shift, a day'],
  ['↑ ↓', 'nudge a bar to the technician above or below'],
  ['Enter', 'save a nudged bar; Escape puts it back'],
];

/** How to move work with a mouse, a finger or the keyboard; the same text describes every bar. */
export function KeyboardHelp() {
  const text = (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {KEYS.map(([key, what]) => (
        <li key={key}>
          <strong>{key}</strong>: {what}
        </li>
      ))}
    </Box>
  );
  return (
    <>
      <Tooltip title={text} describeChild>
        <IconButton aria-label="Keyboard and drag help">
          <HelpIcon />
        </IconButton>
      </Tooltip>
      <Box id={KEY_HELP_ID} sx={srOnly}>
        {KEYS.map(([key, what]) => `${key}: ${what}.`).join(' ')}
      </Box>
    </>
  );
}
