/**
 * A button tall enough for a finger (WCAG 2.5.5: 44 px), where MUI's are 31–37 px: the work-order
 * page is used on phones on the shop floor. As the theme does for icon buttons, at every width.
 */
export const touchTarget = { minHeight: 44 } as const;
