/**
 * Empties the server's tables: the server conformance suite's tests reuse their names (one
 * scope, one device), so on one database each must start on empty tables.
 */
export const EMPTY_SERVER_TABLES = 'truncate events, streams, devices, scopes';
