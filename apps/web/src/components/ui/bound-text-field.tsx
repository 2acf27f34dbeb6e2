import { TextField, type TextFieldProps } from '@mui/material';

/**
 * A maker of a form's text fields, each bound to its value, its change and its message (the
 * contract's or the server's, else `hint`): `field('title', 'Title', { required: true })`.
 * `shared` goes on every field (e.g. `disabled`).
 */
export function boundTextFields<Key extends string>(
  values: { readonly [K in Key]: string },
  messageOf: (key: Key) => string | undefined,
  onChange: (changes: { [K in Key]?: string }) => void,
  shared: TextFieldProps = {},
) {
  return (key: Key, label: string, props: TextFieldProps = {}, hint?: string) => (
    <TextField
      label={label}
      value={values[key]}
      onChange={(event) => onChange({ [key]: event.target.value } as { [K in Key]?: string })}
      error={Boolean(messageOf(key))}
      helperText={messageOf(key) ?? hint}
      fullWidth
      {...shared}
      {...props}
    />
  );
}
