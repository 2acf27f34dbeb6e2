import { useGetLinkedTechnicianQuery } from '../api/get-linked-technician';
import { technicianLabel } from './TechnicianLinkPicker';

/** The technician an account is linked to, by name (accounts hold only the id); the id's start while it loads. */
export function LinkedTechnicianName({ id }: { id: string }) {
  const { data } = useGetLinkedTechnicianQuery(id);
  return <>{data ? technicianLabel(data) : `${id.slice(0, 8)}…`}</>;
}
