/**
 * What an expensive route (a year's PM forecast, a schedule's analysis) costs of its caller's
 * request budget, against one unit for any other request: it takes about as long as a few hundred
 * list pages.
 */
export const HEAVY_REQUEST_COST = 20;
/** Requests of one expensive route that one caller may have under way at once on a server instance. */
export const HEAVY_REQUESTS_AT_ONCE = 2;
