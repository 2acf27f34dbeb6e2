/**
 * A control tall enough for a finger (WCAG 2.5.5: 44 px), where MUI's buttons are 31–37 px: the
 * work-order screens are used on phones on the shop floor. At every width, as the theme does for
 * icon buttons (not for every button: the board's bars and compact toolbars stay as they are).
 */
export const touchTarget = { minHeight: 44 } as const;
