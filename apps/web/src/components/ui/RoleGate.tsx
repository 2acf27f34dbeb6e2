import { Alert } from '@mui/material';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

/**
 * A page for some roles only. Anyone else who opens it by its address reads why there is nothing
 * for them, and the page's own requests are never sent (the API would refuse them with 403).
 */
export function RoleGate({ allowed, title, reason, children }: { allowed: boolean; title: string; reason: string; children: ReactNode }) {
  if (allowed) return <>{children}</>;
  return (
    <>
      <PageHeader title={title} />
      <Alert severity="info">{reason}</Alert>
    </>
  );
}
