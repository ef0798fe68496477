/**
 * Input limits shared by the mini-program and the cloud functions, so the client never lets a
 * citizen type what the server will refuse.
 */

/** Longest search text `matters.search` accepts (after trimming); the search box caps input at it. */
export const SEARCH_MAX_LENGTH = 50;
