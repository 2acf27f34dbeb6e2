let rowKey = 0;

/** A key for a new row of an editable list, unique for the page's life (React keys, not ids). */
export const nextRowKey = () => ++rowKey;
