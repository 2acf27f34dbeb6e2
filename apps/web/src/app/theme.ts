import { createTheme } from '@mui/material/styles';

/**
 * Colours chosen for WCAG AA: every main colour carries white text at ≥ 4.5:1 and reads at
 * ≥ 4.5:1 as text on white (MUI's default warning and info do not). System fonts: nothing is
 * fetched from elsewhere (the CSP allows only this origin).
 */
export const theme = createTheme({
  palette: {
    primary: { main: '#1a4f8b' },
    secondary: { main: '#6a3d9a' },
    error: { main: '#b3261e' },
    warning: { main: '#8a4b00' },
    info: { main: '#0b5f7a' },
    success: { main: '#1e6b34' },
    background: { default: '#f5f6f8' },
  },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    h5: { fontWeight: 600 },
    h6: { fontWeight: 600, fontSize: '1.1rem' },
  },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    // Bigger touch targets on phones.
    MuiIconButton: { styleOverrides: { root: { minWidth: 44, minHeight: 44 } } },
  },
});
