import { Card, CardActionArea, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

interface Props {
  label: string;
  value: ReactNode;
  /** One line on what the figure counts. */
  detail?: ReactNode;
  /** The list behind the figure. */
  to: string;
  tone?: 'default' | 'warning' | 'error' | 'success';
}

const TONE_COLOR = { default: 'text.primary', warning: 'warning.main', error: 'error.main', success: 'success.main' } as const;

/** One headline figure; the whole card is a link to the list behind it. */
export function KpiTile({ label, value, detail, to, tone = 'default' }: Props) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardActionArea component={RouterLink} to={to} sx={{ height: '100%', alignItems: 'flex-start' }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
            {label}
          </Typography>
          <Typography variant="h4" component="span" sx={{ display: 'block', fontWeight: 600, color: TONE_COLOR[tone] }}>
            {value}
          </Typography>
          {detail && (
            <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
              {detail}
            </Typography>
          )}
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
