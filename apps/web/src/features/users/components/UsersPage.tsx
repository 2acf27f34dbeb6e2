import AddIcon from '@mui/icons-material/PersonAddAlt1Outlined';
import { Button, Paper } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { EmptyState } from '@/components/ui/EmptyState';
import { FiltersSection } from '@/components/ui/FiltersSection';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { PageHeader } from '@/components/ui/PageHeader';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { SearchField } from '@/components/ui/SearchField';
import { useSettledText } from '@/lib/use-settled-text';
import { useListUsersQuery } from '../api/list-users';
import { useUserFilters, userListArgs } from '../hooks/use-user-filters';
import { AdminOnly } from './AdminOnly';
import { UserTable } from './UserTable';

/** The organization's accounts, searched by name or email and paged on the server (admins only). */
export function UsersPage() {
  return (
    <AdminOnly title="Users">
      <UserList />
    </AdminOnly>
  );
}

function UserList() {
  const { filters, update } = useUserFilters();
  const [search, setSearch] = useSettledText(filters.search, (text) => update({ search: text }));
  const { data, error, isLoading, isFetching, refetch } = useListUsersQuery(userListArgs(filters));
  return (
    <>
      <PageHeader
        title="Users"
        subtitle={data ? `${data.total} matching` : undefined}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to="/users/new">
            New user
          </Button>
        }
      />
      <FiltersSection>
        <SearchField
          label="Search"
          placeholder="Name or email"
          value={search}
          onChange={setSearch}
          sx={{ flex: '1 1 220px', maxWidth: 360 }}
        />
      </FiltersSection>
      <ProblemAlert error={error} subject="user list" onReload={refetch} />
      <Paper variant="outlined" aria-busy={isFetching}>
        {isLoading && <LoadingBlock label="Loading users…" />}
        {data && data.data.length === 0 && (
          <EmptyState title="No users match">
            {filters.search ? 'Try another name or email.' : 'Create the first one with “New user”.'}
          </EmptyState>
        )}
        {data && data.data.length > 0 && <UserTable page={data} onPage={(page, limit) => update({ page, limit })} />}
      </Paper>
    </>
  );
}
