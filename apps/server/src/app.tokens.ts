/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
