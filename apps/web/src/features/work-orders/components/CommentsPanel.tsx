import { CreateComment } from '@msched/contracts';
import { Box, Button, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { LoadingBlock } from '@/components/ui/LoadingBlock';
import { ProblemAlert } from '@/components/ui/ProblemAlert';
import { Section } from '@/components/ui/Section';
import { formatDateTime } from '@/lib/format';
import { useIdempotencyKey } from '@/lib/use-idempotency-key';
import { useAddCommentMutation } from '../api/add-comment';
import { useListCommentsQuery } from '../api/list-comments';

export function CommentsPanel({ workOrderId }: { workOrderId: string }) {
  const { data: comments, isLoading, error } = useListCommentsQuery(workOrderId);
  const [addComment, add] = useAddCommentMutation();
  const [body, setBody] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const keyFor = useIdempotencyKey();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateComment.safeParse({ body });
    if (!parsed.success) return setInvalid(parsed.error.issues[0]?.message);
    setInvalid(undefined);
    const result = await addComment({ workOrderId, body: parsed.data.body, key: keyFor({ workOrderId, ...parsed.data }) });
    if (result.error) return;
    // Stored: the same words posted again are a second comment, not a retry of this one.
    keyFor.forget();
    setBody('');
  };

  return (
    <Section title="Comments">
      {isLoading && <LoadingBlock label="Loading comments…" />}
      <ProblemAlert error={error} subject="work order" />
      {comments?.length === 0 && <Typography color="text.secondary">No comments yet.</Typography>}
      <List dense disablePadding>
        {comments?.map((comment) => (
          <ListItem key={comment.id} disableGutters alignItems="flex-start">
            <ListItemText
              primary={comment.body}
              secondary={`${comment.authorName} · ${formatDateTime(comment.createdAt)}`}
              slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap' } } }}
            />
          </ListItem>
        ))}
      </List>
      <Box component="form" onSubmit={submit} sx={{ display: 'flex', flexDirection: 'column', gap: 1, mt: 1 }}>
        <TextField
          label="Add a comment"
          multiline
          minRows={2}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          error={Boolean(invalid)}
          helperText={invalid}
        />
        <Box>
          <Button type="submit" variant="outlined" disabled={add.isLoading}>
            Post comment
          </Button>
        </Box>
        <ProblemAlert error={add.error} subject="work order" />
      </Box>
    </Section>
  );
}
