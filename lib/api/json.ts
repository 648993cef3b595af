/** A JSON value: what JSON.stringify writes and JSON.parse reads back unchanged. */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;

/** A JSON object. */
export type JsonObject = { readonly [key: string]: Json };
