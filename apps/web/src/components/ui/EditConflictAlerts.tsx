import { ProblemAlert } from './ProblemAlert';

const STALE = { status: 412, data: { title: 'Changed meanwhile' } };

/**
 * What an edit form made against one version says about others' changes: that a newer version
 * came meanwhile (seen live), and the save's own refusal (412 and the rest), each offering to
 * reload the newest or merge the user's edits over it. `fieldsShown={false}` where the form
 * puts each field's message beside the field itself.
 */
export function EditConflictAlerts({
  changedMeanwhile,
  error,
  subject,
  rebase,
  fieldsShown = true,
}: {
  changedMeanwhile: boolean;
  error: unknown;
  subject: string;
  rebase: (keepMine: boolean) => unknown;
  fieldsShown?: boolean;
}) {
  const actions = { onReload: () => void rebase(false), onMerge: () => void rebase(true) };
  return (
    <>
      {changedMeanwhile && <ProblemAlert error={STALE} subject={subject} {...actions} />}
      <ProblemAlert error={error} subject={subject} fieldsShown={fieldsShown} {...actions} />
    </>
  );
}
