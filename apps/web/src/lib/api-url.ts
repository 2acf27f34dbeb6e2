/** The API's base URL: same origin in production (served by the API) and in dev (Vite proxies /api). */
export const apiBaseUrl = () => `${window.location.origin}/api/v1`;
