import type { Equipment, Paged } from '@msched/contracts';
import { TableCell } from '@mui/material';
import { LinkedRow, RowLink } from '@/components/ui/LinkedRow';
import { PagedTable } from '@/components/ui/PagedTable';
import { phoneHidden } from '@/components/ui/responsive-cells';
import { EquipmentStatusChip } from './EquipmentStatusChip';

interface Props {
  page: Paged<Equipment>;
  onPage: (page: number, limit: number) => void;
}

/** One page of equipment, by number; a row opens the equipment. */
export function EquipmentTable({ page, onPage }: Props) {
  return (
    <PagedTable
      label="Equipment"
      page={page}
      onPage={onPage}
      head={
        <>
          <TableCell>Number</TableCell>
          <TableCell>Name</TableCell>
          <TableCell sx={phoneHidden}>Type</TableCell>
          <TableCell>Status</TableCell>
          <TableCell sx={phoneHidden}>Criticality</TableCell>
        </>
      }
    >
      {page.data.map((item) => (
        <LinkedRow key={item.id} to={`/equipment/${item.id}`}>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            <RowLink to={`/equipment/${item.id}`}>{item.equipmentNumber}</RowLink>
          </TableCell>
          <TableCell>{item.name}</TableCell>
          <TableCell sx={phoneHidden}>{item.type}</TableCell>
          <TableCell>
            <EquipmentStatusChip status={item.status} />
          </TableCell>
          <TableCell sx={phoneHidden}>{item.criticality}</TableCell>
        </LinkedRow>
      ))}
    </PagedTable>
  );
}
